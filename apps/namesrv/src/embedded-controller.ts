import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** What apps/controller's controller-process module offers a host process. */
interface ControllerProcessModule {
  runControllerProcess(
    argv: readonly string[],
    options: { readonly embedded: boolean },
  ): Promise<
    | { readonly kind: 'exit'; readonly exitCode: number }
    | { readonly kind: 'running'; readonly controller: { readonly app: ShutdownCapable } }
  >;
}

interface ShutdownCapable {
  close(): Promise<void>;
}

// Defined (as a function) only inside a webpack bundle: webpack rewrites `typeof __webpack_require__`.
declare const __webpack_require__: unknown;

/**
 * Where the controller module is. From source (bin/mqnamesrv): apps/controller/src/controller-process.ts
 * beside this app. From the release (or dist/apps), where each app is one bundle in its own directory:
 * the controller bundle's controller-process.js in the sibling directory (lib/namesrv → lib/controller).
 */
function controllerModulePath(dirname: string, bundled: boolean): string {
  return bundled
    ? join(dirname, '..', 'controller', 'controller-process.js')
    : join(dirname, '..', '..', 'controller', 'src', 'controller-process.ts');
}

/**
 * enableControllerInNamesrv=true: start a controller in this process, on its own port, from the
 * same command line and file (docs/controller.md#embedded-in-the-name-server). The controller app
 * is loaded by path at run time, so the name server does not depend on it at build time (one app
 * never imports another). `createRequire` keeps webpack from turning the load into a bundled
 * (empty) module context: the path is resolved by Node when the bundle runs.
 * Returns a stop function, or an exit code when the controller is missing or its configuration
 * is invalid.
 */
export async function startEmbeddedController(
  argv: readonly string[],
): Promise<{ readonly stop: () => Promise<void> } | { readonly exitCode: number }> {
  const path = controllerModulePath(__dirname, typeof __webpack_require__ === 'function');
  if (!existsSync(path)) {
    process.stderr.write(`enableControllerInNamesrv: the controller module is missing at ${path}\n`);
    return { exitCode: 1 };
  }
  const module = createRequire(__filename)(path) as ControllerProcessModule;
  const outcome = await module.runControllerProcess(argv, { embedded: true });
  if (outcome.kind === 'exit') return { exitCode: outcome.exitCode };
  return { stop: () => outcome.controller.app.close() };
}
