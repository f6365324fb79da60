import { randomBytes } from 'node:crypto';

import type { Role } from './roles';

export interface Session {
  readonly id: string;
  readonly user: string;
  readonly role: Role;
  /** Sent back by the UI in X-CSRF-Token on every mutation; never logged. */
  readonly csrfToken: string;
  lastSeenMs: number;
}

/**
 * Sessions in memory: a restart logs everyone out, which is acceptable for an operator console and
 * keeps secrets off disk. Ids are 256 random bits; a session ends after `ttlMs` without a request.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  create(user: string, role: Role): Session {
    this.sweep();
    const session: Session = { id: token(), user, role, csrfToken: token(), lastSeenMs: this.now() };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id, its idle clock restarted; undefined when unknown or expired. */
  touch(id: string): Session | undefined {
    const session = this.sessions.get(id);
    if (session === undefined) return undefined;
    if (this.now() - session.lastSeenMs > this.ttlMs) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastSeenMs = this.now();
    return session;
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) if (now - session.lastSeenMs > this.ttlMs) this.sessions.delete(id);
  }
}

function token(): string {
  return randomBytes(32).toString('base64url');
}
