import { loadConfig } from '@rocketmq-ts/config';
import { describe, expect, it } from 'vitest';

import { checkConsoleConfig, consoleConfigSchema } from './console-config.schema';

function load(argv: string[]) {
  return loadConfig(consoleConfigSchema, { argv, env: {} }).config;
}

describe('console-api > config', () => {
  it('refuses login disabled on a non-loopback address, and no users file with login on', () => {
    expect(checkConsoleConfig(load(['--authDisabled=true', '--bindAddress=0.0.0.0']))).toEqual([
      expect.stringContaining('only allowed with a loopback bindAddress'),
    ]);
    expect(checkConsoleConfig(load([]))).toEqual([expect.stringContaining('usersFile is required')]);
    expect(checkConsoleConfig(load(['--authDisabled=true']))).toEqual([]);
    expect(checkConsoleConfig(load(['--usersFile=/etc/console-users.json', '--bindAddress=0.0.0.0']))).toEqual([]);
  });
});
