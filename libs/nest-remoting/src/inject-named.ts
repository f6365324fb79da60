/**
 * Nest factory providers with many dependencies, without a positional parameter list
 * (docs/architecture.md#size-rules). `inject` is positional in Nest: a factory taking nine
 * parameters must list nine tokens in the same order, and a swap of two same-typed ones still
 * compiles. Here each dependency is named once, token beside name, and the factory receives one
 * object:
 *
 *   { provide: X, ...injectNamed({ config: BROKER_CONFIG, store: MESSAGE_STORE }, (deps: XDeps) => new X(deps)) }
 *
 * The object is built once per provider at start-up, so this is not on any hot path.
 */
import type { InjectionToken } from '@nestjs/common';

export interface NamedFactory<T> {
  readonly inject: InjectionToken[];
  readonly useFactory: (...resolved: unknown[]) => T;
}

export function injectNamed<Deps extends object, T>(
  tokens: { readonly [Name in keyof Deps]-?: InjectionToken },
  factory: (deps: Deps) => T,
): NamedFactory<T> {
  const names = Object.keys(tokens) as (keyof Deps & string)[];
  return {
    inject: names.map((name) => tokens[name]),
    useFactory: (...resolved: unknown[]) => {
      const deps: Partial<Record<keyof Deps, unknown>> = {};
      names.forEach((name, position) => {
        deps[name] = resolved[position];
      });
      // Nest resolved exactly the tokens listed, in order; each value is the token's provider.
      return factory(deps as Deps);
    },
  };
}
