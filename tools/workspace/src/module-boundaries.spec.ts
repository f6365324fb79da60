// The dependency rules of docs/architecture.md only hold if lint fails when they are broken.
// These cases lint small synthetic files placed (virtually) inside real projects, through the
// same ESLint configuration `nx lint` uses.
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const workspaceRoot = resolve(__dirname, '../../..');

/** Writes a short-lived probe file into the project (typed lint needs a real file), lints it, removes it. */
async function lintAs(relativePath: string, source: string): Promise<string[]> {
  const projectDir = resolve(workspaceRoot, relativePath.split('/').slice(0, 2).join('/'));
  const filePath = join(dirname(resolve(workspaceRoot, relativePath)), `__boundary-probe-${randomBytes(4).toString('hex')}.ts`);
  writeFileSync(filePath, source);
  try {
    const eslint = new ESLint({ cwd: projectDir });
    const [result] = await eslint.lintFiles([filePath]);
    return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
  } finally {
    rmSync(filePath, { force: true });
  }
}

describe('Workspace > module boundaries', () => {
  beforeAll(() => {
    process.env['NX_DAEMON'] = 'false';
  });

  it('accepts a lib importing what its layer allows', async () => {
    const messages = await lintAs(
      'libs/protocol/src/boundary-probe.ts',
      "import { crc32 } from '@rocketmq-ts/base';\nexport const probe = crc32;\n",
    );
    expect(messages).toEqual([]);
  });

  it('rejects node:net in protocol', async () => {
    const messages = await lintAs(
      'libs/protocol/src/boundary-probe.ts',
      "import { createServer } from 'node:net';\nexport const probe = createServer;\n",
    );
    expect(messages.some((message) => message.startsWith('no-restricted-imports') && message.includes('network'))).toBe(true);
  });

  it('rejects Nest outside the nest bridge lib', async () => {
    const messages = await lintAs(
      'libs/remoting/src/boundary-probe.ts',
      "import { Injectable } from '@nestjs/common';\nexport const probe = Injectable;\n",
    );
    expect(messages.some((message) => message.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('rejects node:net in store (the store knows no network)', async () => {
    const messages = await lintAs(
      'libs/store/src/boundary-probe.ts',
      "import { connect } from 'node:net';\nexport const probe = connect;\n",
    );
    expect(messages.some((message) => message.startsWith('no-restricted-imports') && message.includes('network'))).toBe(true);
  });

  it('rejects the store importing the remoting layer', async () => {
    const messages = await lintAs(
      'libs/store/src/boundary-probe.ts',
      "import { RemotingClient } from '@rocketmq-ts/remoting';\nexport const probe = RemotingClient;\n",
    );
    expect(messages.some((message) => message.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('accepts the HA lib using the network and the store', async () => {
    const messages = await lintAs(
      'libs/ha/src/boundary-probe.ts',
      "import { createServer } from 'node:net';\nimport { DefaultMessageStore } from '@rocketmq-ts/store';\nexport const probe = [createServer, DefaultMessageStore];\n",
    );
    expect(messages).toEqual([]);
  });

  it('rejects the HA lib importing the remoting layer', async () => {
    const messages = await lintAs(
      'libs/ha/src/boundary-probe.ts',
      "import { RemotingClient } from '@rocketmq-ts/remoting';\nexport const probe = RemotingClient;\n",
    );
    expect(messages.some((message) => message.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('rejects a lower layer importing a higher one', async () => {
    const messages = await lintAs(
      'libs/base/src/boundary-probe.ts',
      "import { decodeFrame } from '@rocketmq-ts/protocol';\nexport const probe = decodeFrame;\n",
    );
    expect(messages.some((message) => message.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('rejects a deep import past a lib public entry', async () => {
    const messages = await lintAs(
      'libs/remoting/src/boundary-probe.ts',
      "import { FrameSplitter } from '../../protocol/src/command/frame-splitter';\nexport const probe = FrameSplitter;\n",
    );
    expect(messages.some((message) => message.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('rejects a broker feature folder importing processors/ (features depend on ports)', async () => {
    const messages = await lintAs(
      'apps/broker/src/retry/boundary-probe.ts',
      "import { SendMessageProcessor } from '../processors/send-message.processor';\nexport const probe = SendMessageProcessor;\n",
    );
    expect(messages.some((message) => message.startsWith('no-restricted-imports') && message.includes('processors/'))).toBe(true);
  });

  it('rejects store code importing its spec fixtures (src/testing/)', async () => {
    const messages = await lintAs(
      'libs/store/src/boundary-probe.ts',
      "import { createTempStore } from './testing/commit-log-fixtures';\nexport const probe = createTempStore;\n",
    );
    expect(messages.some((message) => message.startsWith('no-restricted-imports') && message.includes('src/testing/'))).toBe(true);
  });
});
