import { randomUUID } from 'node:crypto';
import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { currentRequestId } from '@grants/core';
import { Response } from 'express';
import { ErrorBody, toErrorBody } from './error-response';

/** The one place where errors become HTTP responses. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const known = toErrorBody(exception);
    if (known) {
      response.status(known.statusCode).json(known);
      return;
    }
    const errorId = currentRequestId() ?? randomUUID();
    this.logger.error({ err: exception, errorId }, 'unexpected error');
    const body: ErrorBody = {
      statusCode: 500,
      error: 'Internal Server Error',
      message: `Something went wrong on our side. If it happens again, quote error id ${errorId}.`,
      code: 'INTERNAL_ERROR',
      errorId,
    };
    if (!response.headersSent) response.status(500).json(body);
  }
}
