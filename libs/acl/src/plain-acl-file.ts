import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

import { errorMessage } from '@rocketmq-ts/base';
import { type Logger, systemClock, type TimerHandle, type Timers } from '@rocketmq-ts/base';

import { parsePlainAcl, type PlainAclConfig } from './plain-acl-config';

export interface PlainAclFileOptions {
  readonly path: string;
  readonly logger: Logger;
  /** How often the file is re-read to notice changes; default 1 s (RocketMQ 4.x checks every 0.5 s). */
  readonly checkIntervalMs?: number;
  /** Where the check period is scheduled; real timers by default. */
  readonly timers?: Timers;
}

/** Thrown at start when the file is missing or invalid: the broker must not run with ACL it cannot read. */
export class PlainAclFileError extends Error {
  override readonly name = 'PlainAclFileError';
}

/**
 * plain_acl.yml on disk, reloaded when its content changes (docs/security.md#reload). Invariants:
 *
 * - `open` reads and validates the file synchronously at start and throws PlainAclFileError with
 *   every problem listed if it cannot; there is no "ACL on but empty" state.
 * - After that a change is picked up within one check interval; a changed file that does not
 *   parse is logged (problems listed, secrets never) and the accounts in force stay in force.
 * - The content is compared by hash, not by mtime, so an edit within the same second counts.
 * - The check timer is unref'd; `close` stops it.
 */
export class PlainAclFile {
  private config: PlainAclConfig;
  private digest: string;
  private timer: TimerHandle | undefined;
  private checking = false;
  private reloads = 0;

  private constructor(
    private readonly options: PlainAclFileOptions,
    initial: { config: PlainAclConfig; digest: string },
  ) {
    this.config = initial.config;
    this.digest = initial.digest;
  }

  static open(options: PlainAclFileOptions): PlainAclFile {
    let text: string;
    try {
      text = readFileSync(options.path, 'utf8');
    } catch (error) {
      throw new PlainAclFileError(`aclEnable is true but the ACL file ${options.path} cannot be read: ${errorMessage(error)}`);
    }
    const parsed = parsePlainAcl(text);
    if (!parsed.ok) throw new PlainAclFileError(`ACL file ${options.path} is invalid:\n  - ${parsed.errors.join('\n  - ')}`);
    const file = new PlainAclFile(options, { config: parsed.config, digest: sha1(text) });
    options.logger.info(
      { path: options.path, accounts: parsed.config.accounts.size, globalWhiteAddresses: parsed.config.globalWhiteAddresses.length },
      'ACL file loaded',
    );
    file.timer = (options.timers ?? systemClock).setInterval(() => void file.check(), options.checkIntervalMs ?? 1_000);
    file.timer.unref();
    return file;
  }

  /** The accounts in force. */
  current(): PlainAclConfig {
    return this.config;
  }

  /** Successful reloads since start. */
  get reloadCount(): number {
    return this.reloads;
  }

  close(): void {
    (this.options.timers ?? systemClock).clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Re-reads the file now; resolves true if a changed, valid file was applied. */
  async check(): Promise<boolean> {
    if (this.checking) return false;
    this.checking = true;
    try {
      return await this.reload();
    } finally {
      this.checking = false;
    }
  }

  private async reload(): Promise<boolean> {
    let text: string;
    try {
      text = await readFile(this.options.path, 'utf8');
    } catch (error) {
      this.options.logger.warn({ path: this.options.path, err: error }, 'ACL file cannot be read; the accounts in force stay');
      return false;
    }
    const digest = sha1(text);
    if (digest === this.digest) return false;
    this.digest = digest;
    const parsed = parsePlainAcl(text);
    if (!parsed.ok) {
      this.options.logger.warn(
        { path: this.options.path, problems: parsed.errors },
        'ACL file changed but is invalid; the accounts in force stay',
      );
      return false;
    }
    this.config = parsed.config;
    this.reloads++;
    this.options.logger.info(
      { path: this.options.path, accounts: parsed.config.accounts.size, globalWhiteAddresses: parsed.config.globalWhiteAddresses.length },
      'ACL file reloaded',
    );
    return true;
  }
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
