import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';

import { type HttpRequest, type HttpResponse, readCookies } from '../http/http-types';
import { BodySchema } from '../http/openapi';
import { ProblemError } from '../http/problem';
import { parse } from '../http/validation';
import { AuthService } from './auth.service';
import { Public, RequireRole } from './roles';
import { clearSessionCookies, SESSION_COOKIE, setSessionCookies } from './session-cookies';
import type { Session } from './session-store';

const loginBody = z.object({ user: z.string().min(1).max(64), password: z.string().min(1).max(1024) });

interface SessionView {
  readonly user: string;
  readonly role: string;
  readonly csrfToken: string;
  readonly loginDisabled: boolean;
}

@ApiTags('session')
@Controller('api/v1/session')
export class SessionController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in; sets the session cookie (HttpOnly) and the CSRF cookie, returns the CSRF token' })
  @BodySchema(loginBody)
  async login(
    @Body() body: unknown,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<SessionView> {
    const { user, password } = parse(loginBody, body, 'body');
    const session = await this.auth.login(user, password, request.ip ?? 'unknown');
    setSessionCookies(response, session, this.auth.settings.secureCookies);
    return this.view(session);
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'The logged-in user, role and CSRF token; 401 when not logged in (with login disabled, a session is opened)' })
  current(@Req() request: HttpRequest, @Res({ passthrough: true }) response: HttpResponse): SessionView {
    const session = this.auth.sessions.touch(readCookies(request).get(SESSION_COOKIE) ?? '');
    if (session !== undefined) return this.view(session);
    if (!this.auth.loginDisabled) throw new ProblemError(401, 'NOT_LOGGED_IN', 'log in first (POST /api/v1/session)');
    const opened = this.auth.sessions.create('local', 'admin');
    setSessionCookies(response, opened, this.auth.settings.secureCookies);
    return this.view(opened);
  }

  @Delete()
  @RequireRole('viewer')
  @HttpCode(204)
  @ApiOperation({ summary: 'Log out' })
  logout(@Req() request: HttpRequest, @Res({ passthrough: true }) response: HttpResponse): void {
    if (request.session !== undefined) this.auth.sessions.delete(request.session.id);
    clearSessionCookies(response, this.auth.settings.secureCookies);
  }

  private view(session: Session): SessionView {
    return { user: session.user, role: session.role, csrfToken: session.csrfToken, loginDisabled: this.auth.loginDisabled };
  }
}
