import { Body, Get, HttpStatus, Post } from '@nestjs/common';
import { Actor, AuthService } from '@grants/identity';
import { OptionalActor } from '../../http/auth/auth.decorators';
import { SESSION_STATUS_PATH } from '../../http/auth/auth.guard';
import { json, PageController, PageResult, PublicPage, redirectTo, script, SignInRequired, WantsJson } from '../pipeline';
import { field, FormBody, localPath } from '../web-request';
import { SESSION_SCRIPT } from './session.script';

/**
 * The idle-timeout warning's server side: how long the session has left (not counted as activity)
 * and "stay signed in". The warning itself is in the layout and session.js.
 */
@PageController()
export class SessionWebController {
  constructor(private readonly auth: AuthService) {}

  @Get('assets/session.js')
  @PublicPage()
  sessionScript(): PageResult {
    return script(SESSION_SCRIPT);
  }

  /** Asked by the script, whose answer to a visitor without a session is that it has none: 401, never a redirect. */
  @Get(SESSION_STATUS_PATH.slice(1))
  @PublicPage()
  status(@OptionalActor() actor: Actor | null): PageResult {
    if (actor?.sessionSecondsLeft === undefined) return json({ code: 'UNAUTHENTICATED', message: 'Sign in to continue' }, HttpStatus.UNAUTHORIZED);
    return json({ expiresInSeconds: actor.sessionSecondsLeft });
  }

  /**
   * Public so that the form is read: a visitor whose session ended meanwhile signs in and comes
   * back to the page the form was on (its `next`), which no route pattern can say.
   */
  @Post('session/extend')
  @PublicPage()
  async extend(@OptionalActor() actor: Actor | null, @Body() body: FormBody, @WantsJson() wantsJson: boolean): Promise<PageResult> {
    const next = localPath(field(body, 'next'));
    if (!actor) throw new SignInRequired(next);
    const expiresAt = await this.auth.extendWebSession(actor.sessionId);
    return wantsJson ? json({ expiresInSeconds: this.auth.secondsUntil(expiresAt) }) : redirectTo(next);
  }
}
