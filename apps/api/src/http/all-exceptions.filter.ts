import { randomUUID } from 'node:crypto';
import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { currentRequestId } from '@grants/core';
import { Request, Response } from 'express';
import { answeredAsPage, isPageRequest, sendErrorPage } from '../web/error-page';
import { ErrorBody, toErrorBody } from './error-response';

/** The one place where errors become HTTP responses. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    if (isPageRequest(request) && answeredAsPage(exception, request, response)) return;
    const known = toErrorBody(exception);
    const errorId = known ? null : (currentRequestId() ?? randomUUID());
    if (!known) this.logger.error({ err: exception, errorId }, 'unexpected error');
    if (isPageRequest(request)) {
      sendErrorPage(request, response, known?.statusCode ?? 500, errorId);
      return;
    }
    if (known) {
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
}
