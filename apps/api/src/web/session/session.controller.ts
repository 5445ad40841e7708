import { Body, Controller, Get, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Actor, AuthService } from '@grants/identity';
import { Response } from 'express';
import { OptionalActor, Public } from '../../http/auth/auth.decorators';
import { SESSION_STATUS_PATH } from '../../http/auth/auth.guard';
import { field, FormBody, localPath, PageRequest, sendScript, signInFirst } from '../web-request';
import { SESSION_SCRIPT } from './session.script';

/**
 * The idle-timeout warning's server side: how long the session has left (not counted as activity)
 * and "stay signed in". The warning itself is in the layout and session.js.
 */
@ApiExcludeController()
@Public()
@Controller()
export class SessionWebController {
  constructor(private readonly auth: AuthService) {}

  @Get('assets/session.js')
  script(@Res() response: Response): void {
    sendScript(response, SESSION_SCRIPT);
  }

  @Get(SESSION_STATUS_PATH.slice(1))
  status(@OptionalActor() actor: Actor | null, @Res() response: Response): void {
    if (actor?.sessionSecondsLeft === undefined) {
      response.status(HttpStatus.UNAUTHORIZED).json({ code: 'UNAUTHENTICATED', message: 'Sign in to continue' });
      return;
    }
    response.setHeader('Cache-Control', 'no-store').json({ expiresInSeconds: actor.sessionSecondsLeft });
  }

  @Post('session/extend')
  async extend(@OptionalActor() actor: Actor | null, @Body() body: FormBody, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    const next = localPath(field(body, 'next'));
    if (!actor) return signInFirst(request, response, next);
    const expiresAt = await this.auth.extendWebSession(actor.sessionId);
    if (request.accepts(['html', 'json']) === 'json') {
      response.setHeader('Cache-Control', 'no-store').json({ expiresInSeconds: this.auth.secondsUntil(expiresAt) });
      return;
    }
    response.redirect(HttpStatus.SEE_OTHER, next);
  }
}
