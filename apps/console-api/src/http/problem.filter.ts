import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Logger } from '@rocketmq-ts/base';
import { ZodError } from 'zod';

import type { HttpRequest, HttpResponse } from './http-types';
import { adminProblem, type Problem, problem, ProblemError, validationProblem } from './problem';

/**
 * The one place errors become HTTP answers. Unknown errors are logged with their stack and
 * answered 500 without details (no internals to the browser); nothing here logs a request body.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const response = http.getResponse<HttpResponse>();
    const answer = this.toProblem(error, request);
    answer.instance = request.requestId;
    response.status(answer.status).type('application/problem+json').send(JSON.stringify(answer));
  }

  private toProblem(error: unknown, request: HttpRequest): Problem {
    if (error instanceof ProblemError) return problem(error.status, error.code, error.message, error.extra);
    if (error instanceof ZodError) return validationProblem(error, 'request');
    const admin = adminProblem(error);
    if (admin !== undefined) {
      if (admin.status >= 500) this.logger.warn({ err: error, method: request.method, path: request.path }, 'admin call failed');
      return admin;
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      // Express's body parser: bad JSON, wrong type, too large.
      if (status === 413) return problem(413, 'BODY_TOO_LARGE', 'the request body is larger than allowed');
      if (status === 404) return problem(404, 'NO_SUCH_ROUTE', `no route ${request.method} ${request.path}`);
      return problem(status, status === 400 ? 'BAD_REQUEST' : 'HTTP_ERROR', error.message);
    }
    const status = statusOfBodyParserError(error);
    if (status !== undefined)
      return problem(
        status,
        status === 413 ? 'BODY_TOO_LARGE' : 'MALFORMED_BODY',
        status === 413 ? 'the request body is larger than allowed' : 'the request body is not valid JSON',
      );
    this.logger.error({ err: error, method: request.method, path: request.path }, 'unexpected error');
    return problem(500, 'INTERNAL', 'unexpected error; see the console-api log');
  }
}

function statusOfBodyParserError(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { type, status } = error as { type?: unknown; status?: unknown };
  if (typeof type === 'string' && (type === 'entity.parse.failed' || type === 'entity.too.large') && typeof status === 'number')
    return status;
  return undefined;
}
