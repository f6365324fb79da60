import { randomUUID } from 'node:crypto';

import type { Logger } from '@rocketmq-ts/base';

import type { HttpRequest, HttpResponse } from './http-types';

/**
 * One line per API request when it finishes: method, path (no query string: it may carry message
 * keys), status, user, duration. Never headers (cookies, CSRF token) or bodies (message bodies,
 * passwords).
 */
export function requestLog(logger: Logger): (request: HttpRequest, response: HttpResponse, next: () => void) => void {
  return (request, response, next) => {
    const started = process.hrtime.bigint();
    request.requestId = randomUUID();
    response.setHeader('X-Request-Id', request.requestId);
    if (request.path.startsWith('/api/v1/')) {
      response.on('finish', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const entry = {
          requestId: request.requestId,
          method: request.method,
          path: request.path,
          status: response.statusCode,
          user: request.session?.user,
          ms: Math.round(ms * 10) / 10,
        };
        if (response.statusCode >= 500) logger.warn(entry, 'request failed');
        else if (request.method !== 'GET' || response.statusCode >= 400) logger.info(entry, 'request');
        else logger.debug(entry, 'request');
      });
    }
    next();
  };
}
