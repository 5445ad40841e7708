import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';

/**
 * Whether a page's own script is asking (Accept: application/json, as the autosave and the session
 * warning send) rather than the browser: the same route then answers JSON instead of a page. The
 * same test the pipeline makes before answering a signed-out script with 401 JSON.
 */
export const WantsJson = createParamDecorator((_data: unknown, context: ExecutionContext): boolean => context.switchToHttp().getRequest<Request>().accepts(['html', 'json']) === 'json');
