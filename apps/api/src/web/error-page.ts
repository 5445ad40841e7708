import { Request, Response } from 'express';
import { pageContext } from './page-context';
import { errorPage } from './views/pages';

/** Pages are everything outside the JSON API and the API documentation. */
export function isPageRequest(request: Request): boolean {
  return !request.path.startsWith('/api/');
}

/** An error on a page answers with a page in the visitor's language, never JSON. */
export function sendErrorPage(request: Request, response: Response, status: number, errorId: string | null, csrf = false): void {
  if (response.headersSent) return;
  response.status(status).type('html').send(errorPage(pageContext(request, response), status, errorId, csrf));
}
