import { join } from 'node:path';

/** What apps/controller's controller-process module offers a host process. */
interface ControllerProcessModule {
  runControllerProcess(argv: readonly string[], options: { readonly embedded: boolean }): Promise<{ readonly kind: 'exit'; readonly exitCode: number } | { readonly kind: 'running'; readonly controller: { readonly app: ShutdownCapable } }>;
}

interface ShutdownCapable {
  close(): Promise<void>;
}

/**
 * enableControllerInNamesrv=true: start a controller in this process, on its own port, from the
 * same command line and file (docs/controller.md#embedded-in-the-name-server). The controller app
 * is loaded by path at run time, so the name server does not depend on it at build time (one app
 * never imports another); this works when running from source, as bin/mqnamesrv does.
 * Returns a stop function, or an exit code when the controller's configuration is invalid.
 */
export async function startEmbeddedController(argv: readonly string[]): Promise<{ readonly stop: () => Promise<void> } | { readonly exitCode: number }> {
  const module = require(join(__dirname, '..', '..', 'controller', 'src', 'controller-process')) as ControllerProcessModule;
  const outcome = await module.runControllerProcess(argv, { embedded: true });
  if (outcome.kind === 'exit') return { exitCode: outcome.exitCode };
  return { stop: () => outcome.controller.app.close() };
}
