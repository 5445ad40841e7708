import { randomUUID } from 'node:crypto';
import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { currentRequestId } from '@grants/core';
import { Request, Response } from 'express';
import { answeredAsPage, isPageRequest, sendErrorPage } from '../web/error-page';
import { ErrorBody, toErrorBody } from './error-response';

const logger = new Logger('HTTP');

/** The one place where errors become HTTP responses. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    answerError(exception, host.switchToHttp().getRequest<Request>(), host.switchToHttp().getResponse<Response>());
  }
}

/** The filter's answer, also given to errors of the Express middleware before Nest (body parsing, query checks). */
export function answerError(exception: unknown, request: Request, response: Response): void {
  if (isPageRequest(request) && answeredAsPage(exception, request, response)) return;
  const known = toErrorBody(exception);
  const errorId = known ? null : (currentRequestId() ?? randomUUID());
  if (!known) logger.error({ err: exception, errorId }, 'unexpected error');
  // The database refused what validation let through: answered as the client's error, but a gap to close.
  else if (known.code === 'INVALID_VALUE') logger.warn({ err: exception }, 'a value passed validation but not the database');
  if (isPageRequest(request)) {
    sendErrorPage(request, response, known?.statusCode ?? 500, errorId, false, known?.code);
    return;
  }
  if (known) {
    // A refusal that says how long to wait (a locked sign-in) says it the standard way too.
    const retryAfter = known.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number' && !response.headersSent) response.setHeader('Retry-After', String(retryAfter));
    response.status(known.statusCode).json(known);
    return;
  }
  const body: ErrorBody = {
    statusCode: 500,
    error: 'Internal Server Error',
    message: `Something went wrong on our side. If it happens again, quote error id ${errorId}.`,
    code: 'INTERNAL_ERROR',
    errorId: errorId ?? undefined,
  };
  if (!response.headersSent) response.status(500).json(body);
}
