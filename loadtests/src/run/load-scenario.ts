import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, resolve } from 'node:path';

import type { IterationFunction } from '../config/scenario-options';
import { SCENARIOS } from '../scenarios';

export interface LoadedScenario {
  readonly name: string;
  /** Not yet validated: validateScenarioOptions checks it. */
  readonly options: unknown;
  readonly iteration?: IterationFunction;
}

/**
 * A shipped scenario by name (`steady-send`), or a scenario file by path exporting, as a k6 script
 * does, `options` and optionally a default per-iteration function.
 */
export function loadScenario(nameOrPath: string): LoadedScenario {
  const shipped = SCENARIOS[nameOrPath];
  if (shipped !== undefined) return { name: nameOrPath, options: shipped.options, iteration: shipped.iteration };
  const path = resolve(nameOrPath);
  if (!existsSync(path))
    throw new Error(`no scenario "${nameOrPath}": shipped ones are ${Object.keys(SCENARIOS).join(', ')}; or give a path to a .ts file`);
  // The runner is CommonJS under @swc-node/register, so require() compiles a TypeScript scenario file too.
  const loaded = createRequire(__filename)(path) as { options?: unknown; default?: unknown };
  if (loaded.default !== undefined && typeof loaded.default !== 'function')
    throw new Error(`${nameOrPath}: the default export must be the per-iteration function`);
  return {
    name: basename(path).replace(/\.(ts|js)$/, ''),
    options: loaded.options,
    iteration: loaded.default as IterationFunction | undefined,
  };
}
