import { timingSafeEqual } from 'node:crypto';

import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { type HttpRequest, readCookies } from '../http/http-types';
import { ProblemError } from '../http/problem';
import { AuthService } from './auth.service';
import { PUBLIC_ROUTE, REQUIRED_ROLE, type Role, roleAllows } from './roles';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from './session-cookies';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one guard on every route, deny by default:
 *   1. a handler marked @Public() passes (login, the OpenAPI document);
 *   2. else a live session is required (401);
 *   3. a mutation must carry X-CSRF-Token equal to both the session's token and the CSRF cookie
 *      (403): another site can make the browser send the cookie, never read it to set the header;
 *   4. the handler's @RequireRole must be met (403); a handler without one is refused (500 +
 *      a spec that walks the router), so forgetting it never opens a route.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true) return true;
    const need = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets);
    if (need === undefined) throw new ProblemError(500, 'ROUTE_WITHOUT_ROLE', 'this route declares no role and is refused');
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const cookies = readCookies(request);
    const session = this.auth.sessions.touch(cookies.get(SESSION_COOKIE) ?? '');
    if (session === undefined) throw new ProblemError(401, 'NOT_LOGGED_IN', 'log in first (POST /api/v1/session)');
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      const sent = typeof header === 'string' ? header : '';
      if (!sameSecret(sent, session.csrfToken) || !sameSecret(cookies.get(CSRF_COOKIE) ?? '', session.csrfToken)) {
        throw new ProblemError(
          403,
          'CSRF_TOKEN_INVALID',
          `a ${request.method} needs the ${CSRF_HEADER} header equal to the ${CSRF_COOKIE} cookie`,
        );
      }
    }
    if (!roleAllows(session.role, need))
      throw new ProblemError(403, 'ROLE_FORBIDDEN', `user ${session.user} (${session.role}) may not do this; it needs the ${need} role`);
    request.session = session;
    return true;
  }
}

function sameSecret(left: string, right: string): boolean {
  const a = Buffer.from(left);
  const b = Buffer.from(right);
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}
