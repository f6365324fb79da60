import type { MQAdmin } from '@rocketmq-ts/client';

import type { OptionSpec } from './option-spec';
import type { OptionValues } from './option-values';

export interface CommandContext {
  readonly options: OptionValues;
  /** The name server list, from -n, else $NAMESRV_ADDR, else 127.0.0.1:9876. */
  readonly namesrvAddr: string;
  /** The admin client, opened on first use and closed by the runner. */
  admin(): MQAdmin;
}

/** What a command prints: `text` for people, `json` (one document) for scripts with --json. */
export interface CommandResult {
  readonly text: string;
  readonly json: unknown;
}

export interface Command {
  /** As Java's mqadmin spells it, e.g. clusterList. */
  readonly name: string;
  readonly summary: string;
  readonly options: readonly OptionSpec[];
  run(context: CommandContext): Promise<CommandResult>;
}
