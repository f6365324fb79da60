// One Vitest setup for every project: SWC compiles TypeScript so that Nest's decorator metadata
// survives (esbuild drops it), and workspace aliases resolve to each lib's public entry only.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import swc from 'unplugin-swc';
import { defineConfig, type UserConfig } from 'vitest/config';

const workspaceRoot = dirname(fileURLToPath(import.meta.url));

/** One exact-match alias per tsconfig path: a plain key would also catch `<name>/sub` (e.g. `@rocketmq-ts/testing/clients`). */
function workspaceAliases(): Array<{ find: RegExp; replacement: string }> {
  const tsconfig = JSON.parse(readFileSync(resolve(workspaceRoot, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  const aliases: Array<{ find: RegExp; replacement: string }> = [];
  for (const [name, targets] of Object.entries(tsconfig.compilerOptions.paths)) {
    const target = targets[0];
    if (target)
      aliases.push({ find: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`), replacement: resolve(workspaceRoot, target) });
  }
  return aliases;
}

export interface ProjectTestOptions {
  /** Project folder relative to the workspace root, e.g. `libs/protocol`. */
  projectRoot: string;
  /** Suites that start processes or bind fixed resources run one file at a time. */
  serial?: boolean;
  testTimeoutMs?: number;
  include?: string[];
}

export function projectTestConfig(options: ProjectTestOptions): UserConfig {
  const root = resolve(workspaceRoot, options.projectRoot);
  return defineConfig({
    root,
    cacheDir: resolve(workspaceRoot, 'node_modules/.vite', options.projectRoot),
    plugins: [
      swc.vite({
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
      }),
    ],
    resolve: { alias: workspaceAliases() },
    test: {
      name: options.projectRoot,
      environment: 'node',
      include: options.include ?? ['src/**/*.spec.ts'],
      testTimeout: options.testTimeoutMs ?? 20_000,
      hookTimeout: 60_000,
      fileParallelism: !options.serial,
      pool: 'forks',
      // Under CI each project also writes a JSON report; tools/scripts/test-summary.mjs sums them
      // into the closing "N passed, N failed" line.
      reporters: process.env['CI']
        ? [
            'default',
            ['json', { outputFile: resolve(workspaceRoot, 'tmp/test-results', `${options.projectRoot.replace(/\//g, '__')}.json`) }],
          ]
        : ['default'],
      passWithNoTests: false,
      sequence: { seed: 20261121 },
    },
  });
}
