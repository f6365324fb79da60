import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { AclCredentials } from '@rocketmq-ts/protocol';
import { ACL_ADMIN, ACL_BROKER_SELF, ACL_CONSUMER, ACL_PUBLISHER, testPlainAclYaml } from '@rocketmq-ts/testing';

/** The accounts every ACL suite uses (libs/testing), and tools.yml written from them. */
export const ADMIN: AclCredentials = ACL_ADMIN;
export const PUBLISHER: AclCredentials = ACL_PUBLISHER;
export const CONSUMER: AclCredentials = ACL_CONSUMER;
export const BROKER_SELF: AclCredentials = ACL_BROKER_SELF;
export const plainAclYaml = testPlainAclYaml;

/** `<home>/conf/tools.yml`, where Apache's mqadmin reads its credentials (ROCKETMQ_HOME=home). */
export function writeToolsYml(home: string, credentials: AclCredentials): void {
  mkdirSync(join(home, 'conf'), { recursive: true });
  writeFileSync(join(home, 'conf', 'tools.yml'), `accessKey: ${credentials.accessKey}\nsecretKey: ${credentials.secretKey}\n`);
}

/** `step:action:accessKey:secretKey` for AclProbe's --steps. */
export function probeStep(step: string, action: 'send' | 'pull' | 'createTopic' | 'createGroup', credentials: AclCredentials): string {
  return `${step}:${action}:${credentials.accessKey}:${credentials.secretKey}`;
}

/** One step of the Java AclProbe scenario and the outcome every broker must give. */
export interface ScenarioStep {
  readonly step: string;
  readonly expected: 'ok' | 'NO_PERMISSION';
}

/**
 * The Java AclClientRPCHook scenario our broker and Apache's must both pass: an admin creates the
 * topic, a non-admin cannot, the right keys send, a wrong secret cannot, a PUB-only account cannot
 * pull, a SUB account can.
 */
export function javaAclScenario(
  topic: string,
  refusedTopic: string,
): { readonly steps: readonly string[]; readonly expected: readonly ScenarioStep[] } {
  return {
    steps: [
      probeStep(topic, 'createTopic', ADMIN),
      probeStep(refusedTopic, 'createTopic', PUBLISHER),
      probeStep('send', 'send', PUBLISHER),
      probeStep('sendWrongSecret', 'send', { accessKey: PUBLISHER.accessKey, secretKey: 'guessed-secret' }),
      probeStep('pullAsPublisher', 'pull', PUBLISHER),
      probeStep('pullAsConsumer', 'pull', CONSUMER),
    ],
    expected: [
      { step: topic, expected: 'ok' },
      { step: refusedTopic, expected: 'NO_PERMISSION' },
      { step: 'send', expected: 'ok' },
      { step: 'sendWrongSecret', expected: 'NO_PERMISSION' },
      { step: 'pullAsPublisher', expected: 'NO_PERMISSION' },
      { step: 'pullAsConsumer', expected: 'ok' },
    ],
  };
}

/** One STEP line of AclProbe. */
export interface ProbeStep {
  readonly step: string;
  readonly ok: boolean;
  readonly code?: number;
  readonly error?: string;
  readonly detail?: string;
}

/** `ok`, `NO_PERMISSION` (code 16), or what else happened, for comparing brokers. */
export function outcomeOf(result: ProbeStep | undefined): string {
  if (result === undefined) return 'missing';
  if (result.ok) return 'ok';
  return result.code === 16 ? 'NO_PERMISSION' : `failed (code ${result.code ?? '-'}: ${result.error ?? ''})`;
}
