import type { HttpResponse } from '../http/http-types';
import type { Session } from './session-store';

export const SESSION_COOKIE = 'rmq_console_session';
/** Readable by the page's script: the double-submit copy of the CSRF token (the header must equal it and the session's). */
export const CSRF_COOKIE = 'rmq_console_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** HttpOnly session cookie, SameSite=Strict so no other site's page can send it. */
export function setSessionCookies(response: HttpResponse, session: Session, secure: boolean): void {
  const flags = `Path=/; SameSite=Strict${secure ? '; Secure' : ''}`;
  response.setHeader('Set-Cookie', [
    `${SESSION_COOKIE}=${session.id}; HttpOnly; ${flags}`,
    `${CSRF_COOKIE}=${session.csrfToken}; ${flags}`,
  ]);
}

export function clearSessionCookies(response: HttpResponse, secure: boolean): void {
  const flags = `Path=/; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
  response.setHeader('Set-Cookie', [`${SESSION_COOKIE}=; HttpOnly; ${flags}`, `${CSRF_COOKIE}=; ${flags}`]);
}
