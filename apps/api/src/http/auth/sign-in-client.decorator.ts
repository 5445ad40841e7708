import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { SignInClient } from '@grants/identity';
import { Request } from 'express';
import { siteCookiesOf } from '../site-cookies';

/** Who is signing in, for counting failures (LoginThrottle): the client address and the browser's known-device cookie. */
export const SignInFrom = createParamDecorator((_data: unknown, context: ExecutionContext): SignInClient => {
  const request = context.switchToHttp().getRequest<Request>();
  return { address: request.ip ?? request.socket.remoteAddress ?? 'unknown', knownDevice: siteCookiesOf(request).read(request, 'knownDevice') };
});
