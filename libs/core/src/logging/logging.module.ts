import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

export const REQUEST_ID_HEADER = 'x-request-id';
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,128}$/;

/** Honours a well-formed incoming X-Request-Id (from a proxy) and otherwise makes one. */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
}

const REDACTED = '[redacted]';

/**
 * The path of a URL without its query string, which carries one-time tokens (email verification,
 * password reset) and search terms: a log says a query was there, never what it held.
 */
export function redactedUrl(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : `${url.slice(0, query)}?${REDACTED}`;
}

interface SerializedRequest {
  url?: string;
  query?: unknown;
  params?: unknown;
  headers?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * What the request log keeps of a request: never its body (pino's serializer has none), its query
 * or route parameters, nor a header that carries a secret or a page address with its query.
 */
export function redactedRequest(req: SerializedRequest): SerializedRequest {
  const { query: _query, params: _params, headers = {}, ...kept } = req;
  const referer = headers.referer;
  return {
    ...kept,
    url: typeof req.url === 'string' ? redactedUrl(req.url) : req.url,
    headers: { ...headers, ...(typeof referer === 'string' ? { referer: redactedUrl(referer) } : {}) },
  };
}

/** Structured JSON logs with the request id on every line; secrets never reach them. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          level: config.logLevel,
          genReqId: (req) => (req as IncomingMessage & { id?: string }).id ?? requestIdOf(req),
          serializers: { req: redactedRequest },
          redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
          autoLogging: { ignore: (req) => req.url === '/api/v1/health' },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
