import type { IncomingHttpHeaders } from 'node:http';

/**
 * The parts of Express's request and response that console-api uses. Express's own types are not
 * a dependency of the workspace; these describe exactly what the code reads and writes.
 */
export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  readonly originalUrl: string;
  readonly headers: IncomingHttpHeaders;
  readonly ip?: string;
  /** Set by the auth guard for the handlers after it. */
  session?: import('../auth/session-store').Session;
  requestId?: string;
}

export interface HttpResponse {
  statusCode: number;
  setHeader(name: string, value: string | readonly string[]): unknown;
  getHeader(name: string): unknown;
  status(code: number): HttpResponse;
  json(body: unknown): unknown;
  type(contentType: string): HttpResponse;
  send(body: unknown): unknown;
  on(event: 'finish', listener: () => void): unknown;
}

/** Cookie header → name/value pairs (RFC 6265 syntax; values are ours, so no decoding beyond that). */
export function readCookies(request: HttpRequest): ReadonlyMap<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    cookies.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return cookies;
}
