import { type ConfigSchema, type ConfigShape, fieldOf } from '../schema/define-config-schema';
import type { LoadedConfig } from './load-config';

/** A port a server binds, named by the key that sets it. */
export interface KeyedPort {
  readonly key: string;
  readonly port: number;
  /** Why it has this value when the operator did not set it, e.g. `listenPort - 31`. */
  readonly derivedFrom?: string;
  /** The key accepts 0 (any free port), worth suggesting. */
  readonly ephemeralAllowed?: boolean;
}

interface ListenError {
  readonly code?: unknown;
  readonly port?: unknown;
  readonly address?: unknown;
}

/**
 * When `error` is a failed bind (EADDRINUSE, EACCES), one line naming the key to change, e.g.
 * `httpPort: 127.0.0.1:10880 is already in use (listenPort - 31, the default); set httpPort to a
 * free port, or 0 for any free port`. Undefined for any other error, or a port no key sets.
 */
export function describeBindFailure(error: unknown, ports: readonly KeyedPort[]): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, port, address } = error as ListenError;
  if ((code !== 'EADDRINUSE' && code !== 'EACCES') || typeof port !== 'number') return undefined;
  const owner = ports.find((candidate) => candidate.port === port);
  if (owner === undefined) return undefined;
  const where = `${typeof address === 'string' ? address : '0.0.0.0'}:${port}`;
  const problem = code === 'EADDRINUSE' ? 'is already in use' : 'may not be bound by this user';
  const why = owner.derivedFrom === undefined ? '' : ` (${owner.derivedFrom}, the default)`;
  const ephemeral = owner.ephemeralAllowed ? ', or 0 for any free port' : '';
  return `${owner.key}: ${where} ${problem}${why}; set ${owner.key} to a free port${ephemeral}`;
}

/** The port a loaded config gives `key`, with why (its derived-default rule) when the operator left it unset. */
export function keyedPort<S extends ConfigShape>(schema: ConfigSchema<S>, loaded: LoadedConfig<S>, key: keyof S & string): KeyedPort {
  const field = fieldOf(schema.fields, key);
  const port = Number(loaded.config[key]);
  const rule = loaded.sources[key] === 'default' ? field.defaultFrom?.rule : undefined;
  return { key, port, ...(rule === undefined ? {} : { derivedFrom: rule }), ephemeralAllowed: field.parse('0').ok };
}

/**
 * Runs a server's start; when it fails to bind one of `ports`, writes `cannot start:` and the
 * line naming the key (the commonest start failure on a shared host) and resolves undefined, so
 * the process exits 1 as it does for a bad key. Any other failure is rethrown.
 */
export async function startOrExplainBindFailure<T>(
  start: () => Promise<T>,
  ports: readonly KeyedPort[],
  writeErr = (text: string) => void process.stderr.write(text),
): Promise<T | undefined> {
  try {
    return await start();
  } catch (error) {
    const message = describeBindFailure(error, ports);
    if (message === undefined) throw error;
    writeErr(`cannot start:\n  ${message}\n`);
    return undefined;
  }
}
