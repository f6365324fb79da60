import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { RecordingLogger } from '@rocketmq-ts/base';
import { afterEach, describe, expect, it } from 'vitest';

import { PlainAclFile, PlainAclFileError } from './plain-acl-file';

const ONE = 'accounts:\n  - accessKey: firstkey\n    secretKey: first-secret\n';
const TWO = `${ONE}  - accessKey: secondkey\n    secretKey: second-secret\n`;

describe('PlainAclFile', () => {
  const dirs: string[] = [];
  const files: PlainAclFile[] = [];
  afterEach(() => {
    for (const file of files.splice(0)) file.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function path(content?: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'acl-file-'));
    dirs.push(dir);
    const file = join(dir, 'plain_acl.yml');
    if (content !== undefined) writeFileSync(file, content);
    return file;
  }

  it('refuses to start on a missing or invalid file, listing the problems', () => {
    const logger = new RecordingLogger();
    expect(() => PlainAclFile.open({ path: path(), logger })).toThrow(PlainAclFileError);
    expect(() => PlainAclFile.open({ path: path('accounts:\n  - accessKey: x\n    secretKey: topsecretvalue\n'), logger })).toThrow(
      /accessKey must be set and longer than 6/,
    );
  });

  it('applies a changed valid file and keeps the old accounts when the new file is invalid', async () => {
    const logger = new RecordingLogger();
    const file = path(ONE);
    const acl = PlainAclFile.open({ path: file, logger, checkIntervalMs: 60_000 });
    files.push(acl);
    expect([...acl.current().accounts.keys()]).toEqual(['firstkey']);
    expect(await acl.check()).toBe(false);

    writeFileSync(file, TWO);
    expect(await acl.check()).toBe(true);
    expect([...acl.current().accounts.keys()]).toEqual(['firstkey', 'secondkey']);

    writeFileSync(file, 'accounts:\n  - accessKey: thirdkey\n    secretKey: tiny\n');
    expect(await acl.check()).toBe(false);
    expect([...acl.current().accounts.keys()]).toEqual(['firstkey', 'secondkey']);
    expect(acl.reloadCount).toBe(1);
    const logged = JSON.stringify(logger.entries);
    expect(logged).toContain('ACL file changed but is invalid');
    for (const secret of ['first-secret', 'second-secret', 'tiny']) expect(logged).not.toContain(secret);
  });
});
