/** One problem with one key (or with the command line / config file as a whole). */
export interface ConfigIssue {
  readonly key: string;
  readonly message: string;
}

/**
 * Every configuration problem found at start, reported together so an operator fixes them in one
 * pass. The message has one line per issue: `listenPort: expected an integer in [1, 65535], got "abc"`.
 */
export class ConfigError extends Error {
  constructor(
    readonly issues: readonly ConfigIssue[],
    /** Unknown-key warnings gathered before the failure; often they explain it (a misspelt key). */
    readonly warnings: readonly string[] = [],
  ) {
    super(['invalid configuration:', ...issues.map((issue) => `  ${issue.key}: ${issue.message}`)].join('\n'));
    this.name = 'ConfigError';
  }
}
