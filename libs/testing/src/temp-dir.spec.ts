import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

import { describe, expect, it } from 'vitest';

import { createTempDir } from './temp-dir';

describe('Testing > createTempDir', () => {
  it('creates a fresh directory under the OS temp dir and removes it with its contents', () => {
    const dir = createTempDir('spec/with odd chars');
    expect(dir.path.startsWith(tmpdir())).toBe(true);
    expect(dir.path).toContain('rocketmq-ts-spec_with_odd_chars-');
    writeFileSync(dir.join('a.txt'), 'x');
    expect(existsSync(dir.join('a.txt'))).toBe(true);
    dir.remove();
    expect(existsSync(dir.path)).toBe(false);
    dir.remove();
  });

  it('never hands out the same directory twice', () => {
    const a = createTempDir('twice');
    const b = createTempDir('twice');
    try {
      expect(a.path).not.toBe(b.path);
    } finally {
      a.remove();
      b.remove();
    }
  });
});
