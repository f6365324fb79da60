import type { HttpRequest, HttpResponse } from './http-types';

/**
 * Headers on every answer: a strict CSP (scripts only from this origin, so an injected message
 * body cannot run; inline styles allowed because the component library sets CSS variables at run
 * time), no framing, no MIME sniffing, no referrer to other sites. No CORS headers at all: the UI
 * is same-origin, and other origins get the browser's default refusal.
 */
const HEADERS: ReadonlyArray<readonly [string, string]> = [
  [
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  ],
  ['X-Frame-Options', 'DENY'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'same-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
];

export function securityHeaders(request: HttpRequest, response: HttpResponse, next: () => void): void {
  for (const [name, value] of HEADERS) response.setHeader(name, value);
  // API answers are per user: never cached by a shared proxy.
  if (request.path.startsWith('/api/')) response.setHeader('Cache-Control', 'no-store');
  next();
}
