import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Response } from 'express';
import { mergeMap, Observable } from 'rxjs';
import { streamDownload } from '../../http/download';
import { PageResult } from './page-result';

/** Writes what a page handler returned. */
@Injectable()
export class PageResultInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler<PageResult>): Observable<void> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(mergeMap((result) => writePageResult(response, result)));
  }
}

export async function writePageResult(response: Response, result: PageResult): Promise<void> {
  for (const cookie of result.cookies) {
    if (cookie.value === null) response.clearCookie(cookie.name, cookie.options);
    else response.cookie(cookie.name, cookie.value, cookie.options);
  }
  switch (result.kind) {
    case 'html':
      response.status(result.status).type('html').send(result.html);
      return;
    case 'redirect':
      response.redirect(303, result.location);
      return;
    case 'json':
      response.status(result.status).setHeader('Cache-Control', 'no-store');
      response.json(result.body);
      return;
    case 'asset':
      response.type(result.type).setHeader('Cache-Control', `public, max-age=${result.maxAgeSeconds}`);
      response.send(result.body);
      return;
    case 'file':
      response.attachment(result.filename).type(result.contentType).setHeader('Cache-Control', 'private, no-store');
      response.setHeader('Content-Length', String(result.body.length));
      response.end(result.body);
      return;
    case 'stream':
      response.attachment(result.filename).type(result.contentType).setHeader('Cache-Control', 'private, no-store');
      await streamDownload(response, result.content);
      return;
  }
}
