import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ADMIN_CODES } from '@rocketmq-ts/acl';
import {
  type AclCredentials,
  ACL_ACCESS_KEY,
  ACL_SIGNATURE,
  createRequest,
  type RemotingCommand,
  RequestCode,
  ResponseCode,
  signRequest,
} from '@rocketmq-ts/protocol';
import { RemotingClient } from '@rocketmq-ts/remoting';
import { ACL_ADMIN, ACL_CONSUMER, testPlainAclYaml } from '@rocketmq-ts/testing';

import { type InProcessBroker, startInProcessBroker } from '../testing/in-process-broker';

// The property: 100,000 malformed, unsigned or wrongly signed admin requests to an
// ACL-enabled broker; every one is refused with NO_PERMISSION, none changes topics, groups, offsets or config, and the
// broker keeps answering. Only admin codes this broker serves are drawn (probed first), so every
// request reaches the ACL check. Seeded, so a failure replays; the throughput is printed.
const SEED = 20_2026;
const REQUESTS = 100_000;
const WINDOW = 512;
const ADMIN: AclCredentials = ACL_ADMIN;
/** Signs correctly but is no admin. */
const USER: AclCredentials = ACL_CONSUMER;

type Variant = 'unsigned' | 'non-admin-signed' | 'wrong-secret' | 'tampered' | 'unknown-key' | 'garbage-signature';

const fieldValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', 'TBW102', 'Orders', '%RETRY%CG', '-1', '2147483648', 'true', '{"a":1}'),
  fc.integer().map(String),
);
const arbitraryRequest = (codes: readonly number[]) =>
  fc.record({
    code: fc.constantFrom(...codes),
    variant: fc.constantFrom<Variant>('unsigned', 'non-admin-signed', 'wrong-secret', 'tampered', 'unknown-key', 'garbage-signature'),
    fields: fc.dictionary(
      fc.constantFrom(
        'topic',
        'group',
        'consumerGroup',
        'brokerName',
        'key',
        'value',
        'namespace',
        'timestamp',
        'isForce',
        'readQueueNums',
        'perm',
        'x',
      ),
      fieldValue,
      { maxKeys: 6 },
    ),
    body: fc.option(fc.uint8Array({ maxLength: 64 }), { nil: undefined }),
    serializeType: fc.constantFrom(0 as const, 1 as const),
  });

interface Sample {
  readonly code: number;
  readonly variant: Variant;
  readonly fields: Record<string, string>;
  readonly body: Uint8Array | undefined;
  readonly serializeType: 0 | 1;
}

function build(sample: Sample): RemotingCommand {
  const request = createRequest(sample.code, {
    extFields: { ...sample.fields },
    body: sample.body ? Buffer.from(sample.body) : undefined,
    serializeType: sample.serializeType,
    language: 'JAVA',
  });
  const fields = request.extFields as Record<string, string>;
  switch (sample.variant) {
    case 'unsigned':
      break;
    case 'non-admin-signed':
      signRequest(request, USER);
      break;
    case 'wrong-secret':
      signRequest(request, { accessKey: ADMIN.accessKey, secretKey: 'not-the-admin-secret' });
      break;
    case 'tampered':
      signRequest(request, ADMIN);
      fields['topic'] = `${fields['topic'] ?? ''}-changed`;
      break;
    case 'unknown-key':
      signRequest(request, { accessKey: 'nobody-at-all', secretKey: ADMIN.secretKey });
      break;
    case 'garbage-signature':
      fields[ACL_ACCESS_KEY] = ADMIN.accessKey;
      fields[ACL_SIGNATURE] = Buffer.from(sample.fields['x'] ?? 'x').toString('base64');
      break;
  }
  return request;
}

/**
 * The offset table without the broker's own background consumers (`CID_RMQ_SYS_*`, e.g. the POP
 * revive service committing its progress on a timer): they move on their own, with or without
 * requests, and no client request can reach them.
 */
function withoutBrokerOwnGroups(offsetTable: string): string {
  return offsetTable.replace(/"[^"]*@CID_RMQ_SYS_[^"]*":\{[^}]*\},?/g, '');
}

describe('Broker > wire > ACL fuzz', () => {
  let broker: InProcessBroker;
  let dir: string;
  const client = new RemotingClient();

  const adminCall = (code: number, extFields: Record<string, string> = {}) => {
    const request = createRequest(code, { extFields, language: 'JAVA' });
    signRequest(request, ADMIN);
    return client.invoke(broker.address, request, 5000);
  };
  /** Everything an admin request could change, as the broker reports it. */
  const snapshot = async () =>
    Promise.all(
      [
        RequestCode.GET_ALL_TOPIC_CONFIG,
        RequestCode.GET_ALL_SUBSCRIPTIONGROUP_CONFIG,
        RequestCode.GET_ALL_CONSUMER_OFFSET,
        RequestCode.GET_BROKER_CONFIG,
      ].map(async (code) => {
        const response = await adminCall(code);
        expect(response.code).toBe(ResponseCode.SUCCESS);
        const body = response.body?.toString('utf8') ?? '';
        return `${response.extFields?.['version'] ?? ''}|${code === RequestCode.GET_ALL_CONSUMER_OFFSET ? withoutBrokerOwnGroups(body) : body}`;
      }),
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'acl-fuzz-'));
    writeFileSync(join(dir, 'plain_acl.yml'), testPlainAclYaml());
    broker = await startInProcessBroker({ overrides: { aclEnable: true, aclFile: join(dir, 'plain_acl.yml') } });
  });

  afterAll(async () => {
    await client.close();
    await broker.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`refuses ${REQUESTS} malformed or unsigned admin requests and changes nothing`, async () => {
    expect(
      (
        await adminCall(RequestCode.UPDATE_AND_CREATE_TOPIC, {
          topic: 'Orders',
          defaultTopic: 'TBW102',
          readQueueNums: '2',
          writeQueueNums: '2',
          perm: '6',
          topicFilterType: 'SINGLE_TAG',
          topicSysFlag: '0',
          order: 'false',
        })
      ).code,
    ).toBe(ResponseCode.SUCCESS);
    // Admin codes this broker serves (the rest are refused before ACL with REQUEST_CODE_NOT_SUPPORTED).
    const probes = await Promise.all(
      [...ADMIN_CODES].map(async (code) => ({ code, response: await client.invoke(broker.address, createRequest(code), 5000) })),
    );
    const served = probes.filter((probe) => probe.response.code !== ResponseCode.REQUEST_CODE_NOT_SUPPORTED).map((probe) => probe.code);
    expect(
      probes.every(
        (probe) => probe.response.code === ResponseCode.NO_PERMISSION || probe.response.code === ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
      ),
    ).toBe(true);
    expect(served.length).toBeGreaterThanOrEqual(9);
    const before = await snapshot();
    const samples = fc.sample(arbitraryRequest(served), { seed: SEED, numRuns: REQUESTS });
    const outcomes = new Map<number, number>();
    const refusedCodes = new Set<number>();
    const started = performance.now();
    for (let start = 0; start < samples.length; start += WINDOW) {
      const window = samples.slice(start, start + WINDOW);
      const responses = await Promise.all(window.map((sample) => client.invoke(broker.address, build(sample), 10_000)));
      responses.forEach((response, index) => {
        outcomes.set(response.code, (outcomes.get(response.code) ?? 0) + 1);
        if (response.code === ResponseCode.NO_PERMISSION) refusedCodes.add((window[index] as { code: number }).code);
      });
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `ACL fuzz: ${REQUESTS} requests in ${seconds.toFixed(1)} s (${Math.round(REQUESTS / seconds)} req/s), outcomes ${JSON.stringify(Object.fromEntries(outcomes))}`,
    );

    expect(Object.fromEntries(outcomes)).toEqual({ [ResponseCode.NO_PERMISSION]: REQUESTS });
    for (const code of [
      RequestCode.UPDATE_AND_CREATE_TOPIC,
      RequestCode.DELETE_TOPIC_IN_BROKER,
      RequestCode.UPDATE_BROKER_CONFIG,
      RequestCode.UPDATE_AND_CREATE_SUBSCRIPTIONGROUP,
      RequestCode.DELETE_SUBSCRIPTIONGROUP,
      RequestCode.INVOKE_BROKER_TO_RESET_OFFSET,
    ]) {
      expect(refusedCodes.has(code)).toBe(true);
    }
    expect(await snapshot()).toEqual(before);
  }, 300_000);
});
