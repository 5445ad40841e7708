import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ApplicationService } from '@grants/applications';
import { AwardService } from '@grants/awards';
import { CallService } from '@grants/calls';
import { DomainError } from '@grants/core';
import { Actor, AuthService } from '@grants/identity';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { OptionalActor, Public } from '../http/auth/auth.decorators';
import { SESSION_COOKIE } from '../http/auth/auth.guard';
import { localPath, PageRequest, sendScript, signInFirst } from './web-request';
import { odsComponentsCss } from './assets/ods-components';
import { WEB_CSS } from './assets/web-css';
import { FORMS_SCRIPT } from './forms/forms.script';
import { MessageKey } from './i18n/i18n';
import { LANGUAGE_COOKIE, pageContext } from './page-context';
import { FieldError } from './views/form';
import { applicationPage, applicationsPage, awardPage, homePage, passwordResetConfirmPage, passwordResetPage, registerPage, signInPage, verifyEmailPage } from './views/pages';

const SIGN_IN_NOTICES: Record<string, MessageKey> = {
  'signed-out': 'signIn.signedOut',
  expired: 'signIn.expired',
  verified: 'signIn.verified',
  'password-changed': 'signIn.passwordChanged',
};
const AWARD_NOTICES: Record<string, MessageKey> = { accepted: 'award.accepted', declined: 'award.declined', 'report-filed': 'report.filed.notice' };
const MIN_PASSWORD_LENGTH = 12;
const EMAIL_PATTERN = /^[^@\s"]+@[^@\s"]+$/;
const YEAR_MS = 365 * 24 * 3600_000;

/**
 * Server-rendered pages over the same services as the API. Every route is public to the guard and
 * checks the session itself, so a signed-out visitor is sent to the sign-in page, not given JSON.
 */
@ApiExcludeController()
@Public()
@Controller()
export class WebController {
  constructor(
    private readonly auth: AuthService,
    private readonly calls: CallService,
    private readonly applications: ApplicationService,
    private readonly awards: AwardService,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  async home(@OptionalActor() actor: Actor | null, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    const calls = await this.calls.list(actor, { status: 'open', limit: 50 });
    response.type('html').send(homePage(pageContext(request, response), calls.items));
  }

  @Get('assets/web.css')
  stylesheet(@Res() response: Response): void {
    response.type('css').setHeader('Cache-Control', 'public, max-age=3600');
    response.send(WEB_CSS);
  }

  @Get('assets/ods-components.css')
  odsComponents(@Res() response: Response): void {
    response.type('css').setHeader('Cache-Control', 'public, max-age=86400');
    response.send(odsComponentsCss());
  }

  @Get('assets/forms.js')
  formsScript(@Res() response: Response): void {
    sendScript(response, FORMS_SCRIPT);
  }

  @Get('language')
  language(@Query('to') to: string, @Query('next') next: string, @Res() response: Response): void {
    if (to === 'en' || to === 'fr') response.cookie(LANGUAGE_COOKIE, to, { httpOnly: true, sameSite: 'lax', maxAge: YEAR_MS, path: '/' });
    response.redirect(HttpStatus.SEE_OTHER, localPath(next));
  }

  @Get('sign-in')
  signInForm(@Query('next') next: string | undefined, @Query('notice') notice: string | undefined, @Req() request: PageRequest, @Res() response: Response): void {
    const known = SIGN_IN_NOTICES[notice ?? ''] ?? null;
    response.type('html').send(signInPage(pageContext(request, response), { email: '', errors: [], notice: known, next: localPath(next) }));
  }

  @Post('sign-in')
  async signIn(@Body() body: Record<string, string | undefined>, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    const page = pageContext(request, response);
    const email = (body.email ?? '').trim();
    const password = body.password ?? '';
    const next = localPath(body.next);
    const errors: FieldError[] = [
      ...(email ? [] : [{ field: 'email', message: page.t('signIn.emailRequired') }]),
      ...(password ? [] : [{ field: 'password', message: page.t('signIn.passwordRequired') }]),
    ];
    if (errors.length === 0) {
      try {
        // A new session, with a new id, at every sign-in. The cookie lasts as long as the browser;
        // the server ends the session itself after the idle time.
        const signedIn = await this.auth.login(email, password, 'web');
        response.cookie(SESSION_COOKIE, signedIn.accessToken, { httpOnly: true, sameSite: 'lax', secure: request.secure, path: '/' });
        response.redirect(HttpStatus.SEE_OTHER, next === '/' ? '/applications' : next);
        return;
      } catch (error: unknown) {
        if (!(error instanceof DomainError)) throw error;
        const key = error.code === 'EMAIL_NOT_VERIFIED' ? 'signIn.notVerified' : error.kind === 'rate_limited' ? 'signIn.locked' : 'signIn.invalid';
        errors.push({ field: 'email', message: page.t(key) });
      }
    }
    response.status(HttpStatus.UNPROCESSABLE_ENTITY).type('html').send(signInPage(page, { email, errors, next }));
  }

  @Post('sign-out')
  @HttpCode(HttpStatus.SEE_OTHER)
  async signOut(@OptionalActor() actor: Actor | null, @Res() response: Response): Promise<void> {
    if (actor) await this.auth.logout(actor);
    response.clearCookie(SESSION_COOKIE, { path: '/' });
    response.redirect(HttpStatus.SEE_OTHER, '/sign-in?notice=signed-out');
  }

  @Get('register')
  registerForm(@Query('email') email: string | undefined, @Req() request: PageRequest, @Res() response: Response): void {
    response.type('html').send(registerPage(pageContext(request, response), { name: '', email: email ?? '', errors: [], sentTo: null }));
  }

  @Post('register')
  async register(@Body() body: Record<string, string | undefined>, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    const page = pageContext(request, response);
    const name = (body.name ?? '').trim();
    const email = (body.email ?? '').trim();
    const password = body.password ?? '';
    const errors: FieldError[] = [
      ...(name && name.length <= 200 ? [] : [{ field: 'name', message: page.t('register.nameRequired') }]),
      ...(EMAIL_PATTERN.test(email) && email.length <= 254 ? [] : [{ field: 'email', message: page.t('register.emailInvalid') }]),
      ...(password.length >= MIN_PASSWORD_LENGTH && password.length <= 256 ? [] : [{ field: 'password', message: page.t('register.passwordTooShort') }]),
    ];
    if (errors.length > 0) {
      response.status(HttpStatus.UNPROCESSABLE_ENTITY).type('html').send(registerPage(page, { name, email, errors, sentTo: null }));
      return;
    }
    // The same answer whether or not the address has an account: nobody learns who is registered.
    await this.auth.register({ name, email, password, locale: page.locale });
    response.type('html').send(registerPage(page, { name: '', email: '', errors: [], sentTo: email }));
  }

  @Get('verify-email')
  verifyEmailForm(@Query('token') token: string | undefined, @Req() request: PageRequest, @Res() response: Response): void {
    // The link only shows a button: mail scanners that open links do not use up the token.
    response.type('html').send(verifyEmailPage(pageContext(request, response), token ?? '', !token));
  }

  @Post('verify-email')
  async verifyEmail(@Body() body: Record<string, string | undefined>, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    try {
      await this.auth.verifyEmail(body.token ?? '');
      response.redirect(HttpStatus.SEE_OTHER, '/sign-in?notice=verified');
    } catch (error: unknown) {
      if (!(error instanceof DomainError)) throw error;
      response.status(HttpStatus.UNPROCESSABLE_ENTITY).type('html').send(verifyEmailPage(pageContext(request, response), '', true));
    }
  }

  @Get('password-reset')
  passwordResetForm(@Req() request: PageRequest, @Res() response: Response): void {
    response.type('html').send(passwordResetPage(pageContext(request, response), { email: '', errors: [], sent: false }));
  }

  @Post('password-reset')
  async requestPasswordReset(@Body() body: Record<string, string | undefined>, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    const page = pageContext(request, response);
    const email = (body.email ?? '').trim();
    if (!EMAIL_PATTERN.test(email)) {
      response.status(HttpStatus.UNPROCESSABLE_ENTITY).type('html').send(passwordResetPage(page, { email, errors: [{ field: 'email', message: page.t('signIn.emailRequired') }], sent: false }));
      return;
    }
    await this.auth.requestPasswordReset(email);
    response.type('html').send(passwordResetPage(page, { email: '', errors: [], sent: true }));
  }

  @Get('password-reset/confirm')
  passwordResetConfirmForm(@Query('token') token: string | undefined, @Req() request: PageRequest, @Res() response: Response): void {
    response.type('html').send(passwordResetConfirmPage(pageContext(request, response), { token: token ?? '', errors: [] }));
  }

  @Post('password-reset/confirm')
  async confirmPasswordReset(@Body() body: Record<string, string | undefined>, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    const page = pageContext(request, response);
    const token = body.token ?? '';
    const password = body.password ?? '';
    if (password.length < MIN_PASSWORD_LENGTH) {
      response.status(HttpStatus.UNPROCESSABLE_ENTITY).type('html').send(passwordResetConfirmPage(page, { token, errors: [{ field: 'password', message: page.t('reset.confirm.tooShort') }] }));
      return;
    }
    try {
      await this.auth.confirmPasswordReset(token, password);
      response.redirect(HttpStatus.SEE_OTHER, '/sign-in?notice=password-changed');
    } catch (error: unknown) {
      if (!(error instanceof DomainError)) throw error;
      response.status(HttpStatus.UNPROCESSABLE_ENTITY).type('html').send(passwordResetConfirmPage(page, { token, errors: [{ field: 'password', message: page.t('verify.invalid') }] }));
    }
  }

  @Get('applications')
  async myApplications(@OptionalActor() actor: Actor | null, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!actor) return signInFirst(request, response);
    const page = await this.applications.list(actor, { limit: 100 });
    const ids = page.items.map((item) => item.id);
    const awards = new Map<string, string>(
      ((await this.dataSource.query(`SELECT id, application_id FROM award WHERE application_id = ANY($1::uuid[])`, [ids])) as Array<{ id: string; application_id: string }>).map((row) => [row.application_id, row.id]),
    );
    const letters = new Set(((await this.dataSource.query(`SELECT application_id FROM decision_letter WHERE application_id = ANY($1::uuid[]) AND generated_at IS NOT NULL`, [ids])) as Array<{ application_id: string }>).map((row) => row.application_id));
    response.type('html').send(applicationsPage(pageContext(request, response), page.items, awards, letters));
  }

  @Get('applications/:id')
  async application(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!actor) return signInFirst(request, response);
    const page = pageContext(request, response);
    const application = await this.applications.get(actor, id);
    const [details] = (await this.dataSource.query(
      `SELECT c.title, o.legal_name, EXISTS (SELECT 1 FROM decision_letter l WHERE l.application_id = a.id AND l.generated_at IS NOT NULL) AS letter_ready
         FROM application a JOIN call c ON c.id = a.call_id JOIN organization o ON o.id = a.organization_id WHERE a.id = $1`,
      [id],
    )) as Array<{ title: Record<string, string>; legal_name: string; letter_ready: boolean }>;
    response.type('html').send(applicationPage(page, { application, callTitle: details!.title[page.locale] ?? '', organizationName: details!.legal_name, letterReady: details!.letter_ready }));
  }

  @Get('awards/:id')
  async award(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Query('done') done: string | undefined, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!actor) return signInFirst(request, response);
    const { award, memberRole } = await this.awards.access(this.dataSource.manager, actor, id);
    const view = await this.awards.view(this.dataSource.manager, award);
    const notice = AWARD_NOTICES[done ?? ''] ?? null;
    response.type('html').send(awardPage(pageContext(request, response), view, { isOwner: memberRole === 'owner', notice }));
  }

  @Post('awards/:id/accept')
  async accept(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!actor) return signInFirst(request, response);
    await this.awards.accept(actor, id);
    response.redirect(HttpStatus.SEE_OTHER, `/awards/${id}?done=accepted`);
  }

  @Post('awards/:id/decline')
  async decline(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!actor) return signInFirst(request, response);
    await this.awards.decline(actor, id);
    response.redirect(HttpStatus.SEE_OTHER, `/awards/${id}?done=declined`);
  }
}
