import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { createTempDir } from './temp-dir';
import { BROKER_BIN, findWorkspaceRoot, NAMESRV_BIN, WORKSPACE_ROOT } from './workspace-paths';

describe('Testing > workspace paths', () => {
  it('finds the workspace root from a folder deep inside it', () => {
    const temp = createTempDir('workspace-paths');
    try {
      writeFileSync(join(temp.path, 'nx.json'), '{}');
      const deep = join(temp.path, 'e2e', 'x', 'src');
      mkdirSync(deep, { recursive: true });
      expect(findWorkspaceRoot(deep)).toBe(temp.path);
    } finally {
      temp.remove();
    }
  });

  it('points at the bin scripts of this repository', () => {
    expect(existsSync(join(WORKSPACE_ROOT, 'nx.json'))).toBe(true);
    expect(existsSync(NAMESRV_BIN)).toBe(true);
    expect(existsSync(BROKER_BIN)).toBe(true);
  });
});
