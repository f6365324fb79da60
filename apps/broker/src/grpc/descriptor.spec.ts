import { describe, expect, it } from 'vitest';

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// The broker loads the v2 service from rocketmq-v2.descriptor.json (bundled with the code); it must
// be what the vendored .proto files say, and those must be the ones rocketmq-client-nodejs ships.
// Regenerate with: node tools/scripts/generate-rocketmq-v2-descriptor.cjs
describe('Broker > gRPC > descriptor', () => {
  const workspace = resolve(__dirname, '../../../..');

  it('matches the vendored .proto files', async () => {
    const { descriptor } = (await import(resolve(workspace, 'tools/scripts/generate-rocketmq-v2-descriptor.cjs'))) as {
      descriptor: () => string;
    };
    expect(readFileSync(resolve(__dirname, 'rocketmq-v2.descriptor.json'), 'utf8')).toBe(descriptor());
  });

  it.each(['service.proto', 'definition.proto'])('vendors %s as rocketmq-client-nodejs ships it', (file) => {
    const vendored = readFileSync(resolve(__dirname, 'proto/apache/rocketmq/v2', file), 'utf8');
    expect(vendored).toBe(readFileSync(resolve(workspace, 'node_modules/rocketmq-client-nodejs/proto/apache/rocketmq/v2', file), 'utf8'));
  });
});
