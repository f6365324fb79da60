import { join } from 'node:path';

import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';

import { AclRequestHook, PlainAclFile } from '@rocketmq-ts/acl';
import type { Logger } from '@rocketmq-ts/base';
import type { RemotingRequestHook } from '@rocketmq-ts/remoting';

import { BROKER_ACL } from '../broker.tokens';
import type { BrokerConfig } from '../config/broker-config.schema';

/**
 * The broker's ACL 1.0 (docs/security.md#broker-settings): with `aclEnable`, plain_acl.yml is read
 * at start (a missing or invalid file fails the start with every problem listed), watched for
 * changes, and checked by a request hook on every port the broker serves.
 */
export interface BrokerAcl {
  readonly hook: RemotingRequestHook;
  readonly file: PlainAclFile;
}

export function openBrokerAcl(config: BrokerConfig, logger: Logger): BrokerAcl | undefined {
  if (!config.aclEnable) return undefined;
  const log = logger.child({ component: 'acl' });
  const file = PlainAclFile.open({ path: aclFilePath(config), logger: log });
  return { file, hook: new AclRequestHook({ config: () => file.current(), logger: log }) };
}

/** Java's default: `${rocketmqHome}/conf/plain_acl.yml`. */
export function aclFilePath(config: BrokerConfig): string {
  return config.aclFile !== '' ? config.aclFile : join(config.rocketmqHome, 'conf', 'plain_acl.yml');
}

/** Stops watching plain_acl.yml when the broker shuts down. */
@Injectable()
export class BrokerAclShutdown implements OnApplicationShutdown {
  constructor(@Inject(BROKER_ACL) private readonly acl: BrokerAcl | null) {}

  onApplicationShutdown(): void {
    this.acl?.file.close();
  }
}
