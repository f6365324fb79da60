/** One option of a command, named as Java's mqadmin names it (commons-cli short and long names). */
export interface OptionSpec {
  /** Letter(s) after `-`, e.g. `t`; a multi-letter one (`bn`) only matches whole. */
  readonly short?: string;
  /** Name after `--`, e.g. `topic`. Also the key the value is stored under. */
  readonly long: string;
  /** Takes a value (`-t T`, `--topic=T`); without it the option is a switch. */
  readonly hasArg: boolean;
  readonly required?: boolean;
  readonly description: string;
}

/** Options every command takes. */
export const COMMON_OPTIONS: readonly OptionSpec[] = [
  {
    short: 'n',
    long: 'namesrvAddr',
    hasArg: true,
    description: 'name server address list, e.g. 127.0.0.1:9876;127.0.0.1:9877 (default: $NAMESRV_ADDR, else 127.0.0.1:9876)',
  },
  { long: 'accessKey', hasArg: true, description: 'ACL access key; requests are signed with it (default: $ROCKETMQ_ACCESS_KEY)' },
  {
    long: 'secretKey',
    hasArg: true,
    description: 'ACL secret key (default: $ROCKETMQ_SECRET_KEY, which keeps it out of the process list)',
  },
  {
    long: 'tls',
    hasArg: false,
    description:
      "connect with TLS (Java: -Dtls.enable=true); without --tlsCaFile the server certificate is not checked, as Java's default test mode",
  },
  { long: 'tlsCaFile', hasArg: true, description: 'with --tls: PEM CA bundle the server certificates must chain to' },
  { long: 'json', hasArg: false, description: 'print one JSON document on stdout instead of tables' },
  { short: 'h', long: 'help', hasArg: false, description: 'print this help' },
];
