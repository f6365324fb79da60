// Comments point readers at docs/ in this repository (`docs/<note>.md#<heading>`): every such
// pointer must land on a note and heading that exist, and no comment may cite the research notes
// that live outside the repository.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

const workspaceRoot = resolve(__dirname, '../../..');
const SOURCE = /\.(ts|mts|mjs|cjs|js|java|go|sh|hex|yaml|yml|properties)$/;

function trackedSources(): string[] {
  return execFileSync('git', ['ls-files'], { cwd: workspaceRoot, encoding: 'utf8' })
    .split('\n')
    .filter((path) => SOURCE.test(path) && !path.startsWith('docs/') && existsSync(resolve(workspaceRoot, path)));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(note: string): Set<string> {
  const text = readFileSync(resolve(workspaceRoot, note), 'utf8');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => slug(match[1] as string)));
}

describe('Workspace > docs pointers', () => {
  const files = trackedSources();
  const sources = files.map((path) => [path, readFileSync(resolve(workspaceRoot, path), 'utf8')] as const);

  it('finds sources to check', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('sends every docs/…#… pointer to a note and heading that exist', () => {
    const anchors = new Map<string, Set<string>>();
    const broken: string[] = [];
    let pointers = 0;
    for (const [path, text] of sources) {
      for (const match of text.matchAll(/docs\/([\w-]+\.md)#([\w-]+)/g)) {
        pointers++;
        const note = `docs/${match[1]}`;
        if (!existsSync(resolve(workspaceRoot, note))) {
          broken.push(`${path}: ${note} does not exist`);
          continue;
        }
        if (!anchors.has(note)) anchors.set(note, anchorsOf(note));
        if (!anchors.get(note)?.has(match[2] as string)) broken.push(`${path}: ${note} has no heading #${match[2]}`);
      }
    }
    expect(pointers).toBeGreaterThan(100);
    expect(broken).toEqual([]);
  });

  it('cites no research note from outside the repository', () => {
    // This spec names the patterns it looks for, so it is the one file left out.
    const outside = sources
      .filter(
        ([path, text]) => !path.endsWith('docs-links.spec.ts') && /design note|shared\/design|store-ha\.md|ecosystem\.md|§\d/.test(text),
      )
      .map(([path]) => path);
    expect(outside).toEqual([]);
  });
});
