import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, ErrorKind } from '@grants/core';
import { QueryFailedError } from 'typeorm';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  code: string;
  details?: Record<string, unknown>;
  errorId?: string;
}

const STATUS_OF_KIND: Record<ErrorKind, HttpStatus> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unsupported_type: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  rule_violation: HttpStatus.UNPROCESSABLE_ENTITY,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

/** Codes for errors raised by the framework rather than by a domain service. */
const CODE_OF_STATUS: Partial<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function reason(status: number): string {
  return REASON[status] ?? (status >= 500 ? 'Server Error' : 'Error');
}

/** An HttpException can carry its own code: `new BadRequestException({ message, code })`. */
function fromHttpException(exception: HttpException): ErrorBody {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const body = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
  const message = body.message;
  return {
    statusCode: status,
    error: reason(status),
    message: typeof message === 'string' || Array.isArray(message) ? (message as string | string[]) : exception.message,
    code: typeof body.code === 'string' ? body.code : (CODE_OF_STATUS[status] ?? 'ERROR'),
  };
}

/** Errors from Express middleware (body-parser) carry a status and say whether to expose their message. */
interface HttpLikeError {
  status: number;
  expose?: boolean;
  type?: string;
  message: string;
}

function isHttpLikeError(value: unknown): value is HttpLikeError {
  return typeof value === 'object' && value !== null && typeof (value as { status?: unknown }).status === 'number';
}

const BODY_PARSER_MESSAGES: Record<string, { code: string; message: string }> = {
  'entity.parse.failed': { code: 'MALFORMED_JSON', message: 'The request body is not valid JSON' },
  'entity.too.large': { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' },
  'encoding.unsupported': { code: 'UNSUPPORTED_ENCODING', message: 'The request body encoding is not supported' },
};

/**
 * PostgreSQL's data exceptions that only a value sent by the client can cause: a character the text
 * cannot hold (22021, 22P05), text that is not of the column's type (22P02), a number out of range
 * (22003), a date that does not exist or is out of range (22008, 22007).
 */
const VALUE_REFUSED_BY_DATABASE = new Set(['22021', '22P05', '22P02', '22003', '22008', '22007']);

/**
 * The database is away rather than the request wrong: PostgreSQL shutting down or refusing
 * connections (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 08xxx
 * connection exceptions), the socket refused or reset, or the pool giving up on a connection.
 */
const DATABASE_AWAY_STATES = new Set(['57P01', '57P02', '57P03']);
const DATABASE_AWAY_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
const DATABASE_AWAY_MESSAGES = [/is not currently accepting connections/i, /connection terminated/i, /timeout exceeded when trying to connect/i, /connection timeout/i, /Client has encountered a connection error/i, /cannot use a pool after calling end/i];
const DATABASE_RETRY_AFTER_SECONDS = 5;

function isDatabaseAway(exception: unknown): boolean {
  const errors: unknown[] = [exception];
  if (exception instanceof QueryFailedError) errors.push(exception.driverError);
  for (const error of errors) {
    if (typeof error !== 'object' || error === null) continue;
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (DATABASE_AWAY_STATES.has(code) || code.startsWith('08') || DATABASE_AWAY_SOCKET_CODES.has(code))) return true;
    if (typeof message === 'string' && DATABASE_AWAY_MESSAGES.some((pattern) => pattern.test(message))) return true;
  }
  return false;
}

/** Maps anything thrown to the API's error body; null means "unexpected", to be answered with a 500. */
export function toErrorBody(exception: unknown): ErrorBody | null {
  if (exception instanceof DomainError) {
    const status = STATUS_OF_KIND[exception.kind];
    return {
      statusCode: status,
      error: reason(status),
      message: exception.message,
      code: exception.code,
      ...(exception.details ? { details: exception.details } : {}),
    };
  }
  if (exception instanceof HttpException) {
    return fromHttpException(exception);
  }
  // Two requests raced to create the same thing; the database kept one.
  const sqlState = exception instanceof QueryFailedError ? (exception.driverError as { code?: string } | undefined)?.code : undefined;
  if (sqlState === '23505') {
    return { statusCode: 409, error: reason(409), message: 'This was just created by another request; reload and try again', code: 'DUPLICATE' };
  }
  // A value that got past validation but not the database: the client's to change, never the SQL to see.
  if (sqlState !== undefined && VALUE_REFUSED_BY_DATABASE.has(sqlState)) {
    return { statusCode: 400, error: reason(400), message: 'A value in the request cannot be stored as it is (a character, number or date out of range); check what was sent', code: 'INVALID_VALUE' };
  }
  if (isDatabaseAway(exception)) {
    return {
      statusCode: 503,
      error: reason(503),
      message: 'The service is briefly unavailable; try again in a few seconds',
      code: 'DATABASE_UNAVAILABLE',
      details: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
    };
  }
  if (isHttpLikeError(exception) && exception.status >= 400 && exception.status < 500 && exception.expose !== false) {
    const known = exception.type ? BODY_PARSER_MESSAGES[exception.type] : undefined;
    return {
      statusCode: exception.status,
      error: reason(exception.status),
      message: known?.message ?? exception.message,
      code: known?.code ?? CODE_OF_STATUS[exception.status] ?? 'BAD_REQUEST',
    };
  }
  return null;
}
