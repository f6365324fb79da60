/**
 * Helpers for DefaultMessageStore specs: a temp store with small files (8 KiB commit-log
 * segments, 10-entry consume-queue files, 40-entry index files), messages with tags and keys,
 * and a bounded wait for the dispatcher. Not exported from the package.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ManualClock, silentLogger } from '@rocketmq-ts/base';
import { encodeMessageProperties, javaStringHashCode } from '@rocketmq-ts/model';

import { DefaultMessageStore } from '../default-message-store';
import type { MessageToStore } from '../message-store';
import { defaultStoreConfig, type StoreConfig } from '../store-config';

export const SEGMENT_BYTES = 8 * 1024;

export interface StoreHarness {
  readonly root: string;
  readonly clock: ManualClock;
  config: StoreConfig;
  open(): Promise<DefaultMessageStore>;
  remove(): void;
}

export function storeHarness(overrides: Partial<StoreConfig> = {}): StoreHarness {
  const root = mkdtempSync(join(tmpdir(), 'rocketmq-ts-dms-'));
  const clock = new ManualClock();
  const harness: StoreHarness = {
    root,
    clock,
    config: defaultStoreConfig(root, {
      mappedFileSizeCommitLog: SEGMENT_BYTES,
      mappedFileSizeConsumeQueue: 10 * 20,
      maxMessageSize: 2048,
      maxHashSlotNum: 16,
      maxIndexNum: 40,
      ...overrides,
    }),
    open: () => DefaultMessageStore.open(harness.config, { clock, logger: silentLogger }),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
  return harness;
}

const HOST = { ip: Uint8Array.of(127, 0, 0, 1), port: 10911 };

export interface TestMessageOptions {
  readonly topic?: string;
  readonly queueId?: number;
  readonly body?: string | Buffer;
  readonly tags?: string;
  readonly keys?: string;
  readonly uniqKey?: string;
  readonly sysFlag?: number;
}

export function message(options: TestMessageOptions = {}): MessageToStore {
  const properties = encodeMessageProperties({ TAGS: options.tags, KEYS: options.keys, UNIQ_KEY: options.uniqKey });
  return {
    topic: options.topic ?? 'TopicTest',
    queueId: options.queueId ?? 0,
    flag: 0,
    body: Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body ?? 'hello'),
    properties,
    sysFlag: options.sysFlag ?? 0,
    bornTimestamp: 1_700_000_000_000,
    bornHost: HOST,
    storeHost: HOST,
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
    tagsCode: options.tags === undefined ? 0 : javaStringHashCode(options.tags),
    keys: options.keys,
    uniqKey: options.uniqKey,
    waitStoreMsgOK: true,
  };
}

/** Resolves once every appended byte is dispatched; fails after `timeoutMs` saying so. */
export async function dispatched(store: DefaultMessageStore, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (store.dispatchBehindBytes() > 0) {
    if (Date.now() > deadline) throw new Error(`dispatch still ${store.dispatchBehindBytes()} bytes behind after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
