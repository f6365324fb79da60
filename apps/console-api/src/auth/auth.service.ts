import type { Logger } from '@rocketmq-ts/base';

import { ProblemError } from '../http/problem';
import { LoginThrottle } from './login-throttle';
import { verifyPassword } from './password-hash';
import { type Session, SessionStore } from './session-store';
import type { ConsoleUser } from './users-file';

/** A fixed hash checked for unknown names, so a wrong name costs as much time as a wrong password. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export interface AuthSettings {
  /** undefined = login disabled (loopback only, checked at start): every visitor is the admin `local`. */
  readonly users: ReadonlyMap<string, ConsoleUser> | undefined;
  readonly sessionTtlMs: number;
  readonly secureCookies: boolean;
}

export class AuthService {
  readonly sessions: SessionStore;
  private readonly throttle = new LoginThrottle();

  constructor(
    readonly settings: AuthSettings,
    private readonly logger: Logger,
  ) {
    this.sessions = new SessionStore(settings.sessionTtlMs);
  }

  get loginDisabled(): boolean {
    return this.settings.users === undefined;
  }

  /** A new session for a right name and password; 401 otherwise, 429 while locked out. Logs the name, never the password. */
  async login(name: string, password: string, clientAddr: string): Promise<Session> {
    if (this.settings.users === undefined) return this.sessions.create('local', 'admin');
    const keys = [`user:${name}`, `addr:${clientAddr}`];
    const waitMs = this.throttle.waitMs(keys);
    if (waitMs > 0) throw new ProblemError(429, 'LOGIN_THROTTLED', `too many failed logins; try again in ${Math.ceil(waitMs / 1000)} s`);
    const user = this.settings.users.get(name);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (user === undefined || !ok) {
      this.throttle.failed(keys);
      this.logger.warn({ user: name, clientAddr }, 'login failed');
      throw new ProblemError(401, 'LOGIN_FAILED', 'wrong user name or password');
    }
    this.throttle.succeeded(keys);
    this.logger.info({ user: name, role: user.role, clientAddr }, 'login');
    return this.sessions.create(user.name, user.role);
  }
}
