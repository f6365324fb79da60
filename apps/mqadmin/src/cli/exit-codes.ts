import { classifyAdminError } from '@rocketmq-ts/client';

import { UsageError } from '@rocketmq-ts/config';

/** What `bin/mqadmin help` documents; scripts branch on these. */
export const ExitCode = {
  OK: 0,
  /** Unknown command or option, a missing or malformed value. */
  USAGE: 1,
  /** No such topic, group, message or process (no route, consumer not online, query found nothing). */
  NOT_FOUND: 2,
  /** A broker or name server answered with a failure, or something else went wrong. */
  REFUSED: 3,
  /** No name server or broker could be reached (connect refused, timeout). */
  UNREACHABLE: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_CODE_HELP = [
  '  0  ok',
  '  1  usage error (unknown command or option, missing or malformed value)',
  '  2  not found (no route for the topic, group not online, no such message or process)',
  '  3  refused (a broker or name server answered with an error, or a process did not stop in time)',
  '  4  cannot connect (no name server or broker reachable)',
].join('\n');

export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof UsageError) return ExitCode.USAGE;
  switch (classifyAdminError(error)) {
    case 'not-found':
      return ExitCode.NOT_FOUND;
    case 'unreachable':
      return ExitCode.UNREACHABLE;
    default:
      return ExitCode.REFUSED;
  }
}
