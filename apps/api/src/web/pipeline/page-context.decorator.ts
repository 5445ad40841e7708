import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Response } from 'express';
import { SiteCookies, siteCookiesOf } from '../../http/site-cookies';
import { PageContext, pageContext } from '../page-context';
import { PageRequest } from '../web-request';
import { backPath } from './page.guard';
import { PAGE_ACCESS, PageAccess } from './page-access';

/**
 * The page's language, words, viewer and CSRF field. Answering a form, its path (where the
 * language switch leads) is the form's page (`back`), not the POST address.
 */
export const PageCtx = createParamDecorator((_data: unknown, context: ExecutionContext): PageContext => {
  const request = context.switchToHttp().getRequest<PageRequest>();
  const response = context.switchToHttp().getResponse<Response>();
  const access = (Reflect.getMetadata(PAGE_ACCESS, context.getHandler()) as PageAccess | undefined) ?? {};
  return { ...pageContext(request, response), path: backPath(request, access) };
});

/** The site's cookies, named and flagged by APP_URL (SiteCookies). */
export const Cookies = createParamDecorator((_data: unknown, context: ExecutionContext): SiteCookies => siteCookiesOf(context.switchToHttp().getRequest<PageRequest>()));
