import { Body, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApplicationService, SubmissionPdfService } from '@grants/applications';
import { AgreementService, AwardService, RecoveryService } from '@grants/awards';
import { CallService } from '@grants/calls';
import { Actor, AuthService, KeptFormService, KNOWN_DEVICE_SECONDS, OrganizationService, SignedIn, SignInClient } from '@grants/identity';
import { AuthRateLimited, CurrentActor, OptionalActor } from '../http/auth/auth.decorators';
import { SignInFrom } from '../http/auth/sign-in-client.decorator';
import { SiteCookies } from '../http/site-cookies';
import { ParseVersionPipe } from '../http/version';
import { odsComponentsCss } from './assets/ods-components';
import { WEB_CSS } from './assets/web-css';
import { FORMS_SCRIPT } from './forms/forms.script';
import { MessageKey } from './i18n/i18n';
import { agreementIfAny } from './agreements/agreements.controller';
import { PageContext } from './page-context';
import { Cookies, download, KeptFormToken, keptFormCookie, noticeOf, Page, PageController, PageCtx, PageResult, PublicPage, redirectTo, script, stylesheet, submitForm, view, withCookie } from './pipeline';
import { landingFor } from './session/landing';
import { readEmailedTokenForm, readPasswordResetConfirmForm, readPasswordResetForm, readRegisterForm, readSignInForm } from './session/account-forms';
import { applicationPage, applicationsPage, awardPage, declineAwardPage, homePage, passwordResetConfirmPage, passwordResetPage, registerPage, signInPage, submissionPdfPreparingPage, verifyEmailPage, withdrawApplicationPage } from './views/pages';
import { FormBody, localPath } from './web-request';

const SIGN_IN_NOTICES: Record<string, MessageKey> = {
  'signed-out': 'signIn.signedOut',
  expired: 'signIn.expired',
  lifetime: 'signIn.lifetime',
  kept: 'signIn.kept',
  verified: 'signIn.verified',
  'password-changed': 'signIn.passwordChanged',
};
const AWARD_NOTICES: Record<string, MessageKey> = { accepted: 'award.accepted', declined: 'award.declined', 'report-filed': 'report.filed.notice' };
const APPLICATIONS_NOTICES: Record<string, MessageKey> = { deleted: 'applications.deleted' };
const APPLICATION_NOTICES: Record<string, MessageKey> = { withdrawn: 'application.withdraw.done' };
const YEAR_MS = 365 * 24 * 3600_000;

/** The home page, the shared assets, accounts (sign in, register, verify, reset) and the applicant's own applications and awards. */
@PageController()
export class WebController {
  constructor(
    private readonly auth: AuthService,
    private readonly calls: CallService,
    private readonly applications: ApplicationService,
    private readonly submissionPdfs: SubmissionPdfService,
    private readonly awards: AwardService,
    private readonly recoveries: RecoveryService,
    private readonly agreements: AgreementService,
    private readonly organizations: OrganizationService,
    private readonly keptForms: KeptFormService,
  ) {}

  @Get()
  @PublicPage()
  async home(@OptionalActor() actor: Actor | null, @PageCtx() page: PageContext): Promise<PageResult> {
    return view(homePage(page, (await this.calls.list(actor, { status: 'open', limit: 50 })).items));
  }

  @Get('assets/web.css')
  @PublicPage()
  stylesheet(): PageResult {
    return stylesheet(WEB_CSS);
  }

  @Get('assets/ods-components.css')
  @PublicPage()
  odsComponents(): PageResult {
    return stylesheet(odsComponentsCss(), 86_400);
  }

  @Get('assets/forms.js')
  @PublicPage()
  formsScript(): PageResult {
    return script(FORMS_SCRIPT);
  }

  @Get('language')
  @PublicPage()
  language(@Query('to') to: string, @Query('next') next: string, @Cookies() cookies: SiteCookies): PageResult {
    const back = redirectTo(localPath(next));
    if (to !== 'en' && to !== 'fr') return back;
    return withCookie(back, cookies.set('language', to, YEAR_MS));
  }

  // ---- signing in and out ----

  @Get('sign-in')
  @PublicPage()
  signInForm(@Query('next') next: string | undefined, @Query('notice') notice: string | undefined, @PageCtx() page: PageContext): PageResult {
    return view(signInPage(page, { email: '', errors: [], notice: noticeOf(SIGN_IN_NOTICES, notice), next: localPath(next) }));
  }

  @Post('sign-in')
  @PublicPage()
  @AuthRateLimited()
  signIn(@Body() body: FormBody, @PageCtx() page: PageContext, @Cookies() cookies: SiteCookies, @KeptFormToken() keptToken: string | null, @SignInFrom() from: SignInClient): Promise<PageResult> {
    const form = readSignInForm(body);
    return submitForm({
      problems: form.problems.map((problem) => ({ field: problem.field, message: page.t(problem.message) })),
      run: () => this.signInHere(form.email, form.password, from, keptToken),
      refusals: { EMAIL_NOT_VERIFIED: { field: 'email', message: page.t('signIn.notVerified') }, ACCOUNT_DISABLED: { field: 'email', message: page.t('signIn.disabled') }, rate_limited: { field: 'email', message: page.t('signIn.locked') }, unauthenticated: { field: 'email', message: page.t('signIn.invalid') } },
      done: (signedIn) => {
        const knownHere = cookies.set('knownDevice', this.auth.knownDeviceToken(form.email, from.knownDevice), KNOWN_DEVICE_SECONDS * 1000);
        const signedInHere = withCookie(withCookie(redirectTo(form.next === '/' ? landingFor(signedIn.user.roles) : form.next), cookies.set('session', signedIn.accessToken)), knownHere);
        return keptToken ? withCookie(signedInHere, keptFormCookie(null, cookies)) : signedInHere;
      },
      again: (errors) => signInPage(page, { email: form.email, errors, next: form.next }),
    });
  }

  /**
   * A new session, with a new id, at every sign-in; the cookie lasts as long as the browser, the
   * server ends the session itself. What this browser kept of a form when no ended session said
   * whose it was goes to the account that signs in here next (KeptFormService). The browser becomes
   * known to the account (KnownDevices): guesses made elsewhere never lock it out.
   */
  private async signInHere(email: string, password: string, from: SignInClient, keptToken: string | null): Promise<SignedIn> {
    const signedIn = await this.auth.login(email, password, from, 'web');
    if (keptToken) await this.keptForms.claim(signedIn.user.id, keptToken);
    return signedIn;
  }

  @Post('sign-out')
  @PublicPage()
  async signOut(@OptionalActor() actor: Actor | null, @Cookies() cookies: SiteCookies): Promise<PageResult> {
    if (actor) await this.auth.logout(actor);
    return withCookie(redirectTo('/sign-in?notice=signed-out'), cookies.clear('session'));
  }

  // ---- a new account ----

  @Get('register')
  @PublicPage()
  registerForm(@Query('email') email: string | undefined, @PageCtx() page: PageContext): PageResult {
    return view(registerPage(page, { name: '', email: email ?? '', errors: [], sentTo: null }));
  }

  @Post('register')
  @PublicPage()
  @AuthRateLimited()
  register(@Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const form = readRegisterForm(body);
    return submitForm({
      problems: form.problems.map((problem) => ({ field: problem.field, message: page.t(problem.message) })),
      // The same answer whether or not the address has an account: nobody learns who is registered.
      run: () => this.auth.register({ name: form.name, email: form.email, password: form.password, locale: page.locale }),
      done: () => view(registerPage(page, { name: '', email: '', errors: [], sentTo: form.email })),
      again: (errors) => registerPage(page, { name: form.name, email: form.email, errors, sentTo: null }),
    });
  }

  @Get('verify-email')
  @PublicPage()
  verifyEmailForm(@Query('token') token: string | undefined, @PageCtx() page: PageContext): PageResult {
    // The link only shows a button: mail scanners that open links do not use up the token.
    return view(verifyEmailPage(page, token ?? '', !token));
  }

  @Post('verify-email')
  @PublicPage()
  @AuthRateLimited()
  verifyEmail(@Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const form = readEmailedTokenForm(body);
    return submitForm({
      problems: form.problems.map((problem) => ({ field: problem.field, message: page.t(problem.message) })),
      run: () => this.auth.verifyEmail(form.token),
      refusals: { invalid: { field: 'token', message: page.t('verify.invalid') } },
      done: () => redirectTo('/sign-in?notice=verified'),
      again: () => verifyEmailPage(page, '', true),
    });
  }

  // ---- a forgotten password ----

  @Get('password-reset')
  @PublicPage()
  passwordResetForm(@PageCtx() page: PageContext): PageResult {
    return view(passwordResetPage(page, { email: '', errors: [], sent: false }));
  }

  @Post('password-reset')
  @PublicPage()
  @AuthRateLimited()
  requestPasswordReset(@Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const form = readPasswordResetForm(body);
    return submitForm({
      problems: form.problems.map((problem) => ({ field: problem.field, message: page.t(problem.message) })),
      run: () => this.auth.requestPasswordReset(form.email),
      done: () => view(passwordResetPage(page, { email: '', errors: [], sent: true })),
      again: (errors) => passwordResetPage(page, { email: form.email, errors, sent: false }),
    });
  }

  @Get('password-reset/confirm')
  @PublicPage()
  passwordResetConfirmForm(@Query('token') token: string | undefined, @PageCtx() page: PageContext): PageResult {
    return view(passwordResetConfirmPage(page, { token: token ?? '', errors: [] }));
  }

  @Post('password-reset/confirm')
  @PublicPage()
  @AuthRateLimited()
  confirmPasswordReset(@Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const form = readPasswordResetConfirmForm(body);
    return submitForm({
      problems: form.problems.map((problem) => ({ field: problem.field, message: page.t(problem.message) })),
      run: () => this.auth.confirmPasswordReset(form.token, form.password),
      refusals: { invalid: { field: 'password', message: page.t('verify.invalid') } },
      done: () => redirectTo('/sign-in?notice=password-changed'),
      again: (errors) => passwordResetConfirmPage(page, { token: form.token, errors }),
    });
  }

  // ---- the applicant's applications and awards ----

  @Get('applications')
  @Page()
  async myApplications(@CurrentActor() actor: Actor, @Query('notice') notice: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    return view(applicationsPage(page, (await this.applications.list(actor, { limit: 100 })).items, noticeOf(APPLICATIONS_NOTICES, notice)));
  }

  @Get('applications/:id')
  @Page()
  async application(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('version') version: string | undefined, @Query('notice') notice: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    const application = await this.applications.get(actor, id);
    const call = await this.calls.get(actor, application.callId);
    // What was sent, every version: the latest unless an earlier one is asked for (?version=1).
    const versions = application.referenceNumber ? await this.applications.snapshots(actor, id) : [];
    const shown = versions.find((snapshot) => String(snapshot.version) === version) ?? versions[versions.length - 1] ?? null;
    const mayWithdraw = await this.applications.mayWithdraw(actor, application);
    const sent = { versions, shown, call };
    return view(applicationPage(page, { application, callTitle: call.title?.[page.locale] ?? '', sent, mayWithdraw, notice: noticeOf(APPLICATION_NOTICES, notice) }));
  }

  /** One version as sent, as a PDF; until the worker has made it, a page saying so (or that it failed and is tried again), with a link to try again. */
  @Get('applications/:id/versions/:version/pdf')
  @Page()
  async versionPdf(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('version', ParseVersionPipe) version: number, @PageCtx() page: PageContext): Promise<PageResult> {
    const pdf = await this.submissionPdfs.download(actor, id, version);
    return pdf.ready ? download(pdf.filename, 'application/pdf', pdf.content) : view(submissionPdfPreparingPage(page, id, version, pdf.status), HttpStatus.ACCEPTED);
  }

  /** Withdrawing asks first; someone who may not withdraw it goes back to the application. */
  @Get('applications/:id/withdraw/confirm')
  @Page()
  async withdrawConfirm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    const application = await this.applications.get(actor, id);
    return (await this.applications.mayWithdraw(actor, application)) ? view(withdrawApplicationPage(page, application)) : redirectTo(`/applications/${id}`);
  }

  @Post('applications/:id/withdraw')
  @Page([], { back: '/applications/:id' })
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    return submitForm({
      run: () => this.applications.withdraw(actor, id),
      refusals: { CANNOT_WITHDRAW: { field: 'withdraw', message: page.t('application.withdraw.cannot') } },
      done: () => redirectTo(`/applications/${id}?notice=withdrawn`),
      again: async (errors) => withdrawApplicationPage(page, await this.applications.get(actor, id), errors),
    });
  }

  @Get('awards/:id')
  @Page()
  async award(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('done') done: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    // The service records a staff read in the organization's access log, as through the API.
    const award = await this.awards.get(actor, id);
    const isOwner = (await this.organizations.roleOf(actor, award.organizationId)) === 'owner';
    const agreement = award.status === 'accepted' ? await agreementIfAny(this.agreements, actor, id) : null;
    const reconciliation = award.status === 'accepted' ? await this.recoveries.reconciliation(actor, id) : undefined;
    return view(awardPage(page, award, { isOwner, agreement, reconciliation, notice: noticeOf(AWARD_NOTICES, done) }));
  }

  @Post('awards/:id/accept')
  @Page([], { back: '/awards/:id' })
  async accept(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PageResult> {
    await this.awards.accept(actor, id);
    return redirectTo(`/awards/${id}?done=accepted`);
  }

  /** Declining asks first; an award that is no longer offered, or a member who is not an owner, goes back to the award. */
  @Get('awards/:id/decline/confirm')
  @Page()
  async declineConfirm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    const award = await this.awards.get(actor, id);
    const isOwner = (await this.organizations.roleOf(actor, award.organizationId)) === 'owner';
    return award.status === 'offered' && isOwner ? view(declineAwardPage(page, award)) : redirectTo(`/awards/${id}`);
  }

  @Post('awards/:id/decline')
  @Page([], { back: '/awards/:id' })
  async decline(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PageResult> {
    await this.awards.decline(actor, id);
    return redirectTo(`/awards/${id}?done=declined`);
  }
}
