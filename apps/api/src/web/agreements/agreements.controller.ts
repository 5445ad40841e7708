import { Body, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { Agreement, AgreementService, AwardService } from '@grants/awards';
import { DomainError } from '@grants/core';
import { Actor } from '@grants/identity';
import { CurrentActor } from '../../http/auth/auth.decorators';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { noticeOf, Page, PageController, PageCtx, PageResult, Refusal, redirectTo, submitForm, view } from '../pipeline';
import { FieldError } from '../views/form';
import { FormBody } from '../web-request';
import { amendmentFormFrom, amendmentOf, problemsOf, readAmendmentForm, readCountersignForm, readSignForm, SIGNER_NAME, SIGNER_TITLE, SignFormProblem } from './agreement-form';
import { agreementPage, agreementsPage, amendmentError, amendmentPage, countersignPage, emptySignForm, serviceProblemError, signPage, signRefusal } from './agreements.pages';

const AGREEMENTS_PER_PAGE = 25;
const AGREEMENT_NOTICES: Record<string, MessageKey> = { signed: 'agreement.notice.signed', countersigned: 'agreement.notice.countersigned', amended: 'agreement.notice.amended' };

/** The award's agreement, or null while it has none (an award not accepted): the award pages say so rather than fail. */
export async function agreementIfAny(agreements: AgreementService, actor: Actor, awardId: string): Promise<Agreement | null> {
  try {
    return await agreements.get(actor, awardId);
  } catch (error: unknown) {
    if (error instanceof DomainError && error.code === 'AGREEMENT_NOT_FOUND') return null;
    throw error;
  }
}

/**
 * An award's Transfer Payment Agreement: read by the organization's members, officers and approvers,
 * signed by the organization's signing authority, counter-signed by an approver, amended by an
 * officer; and the approvers' list of what waits for them. Who may do what is the service's
 * (`agreement.can` and its refusals); these pages only show it.
 */
@PageController()
export class AgreementsWebController {
  constructor(
    private readonly agreements: AgreementService,
    private readonly awards: AwardService,
  ) {}

  @Get('agreements')
  @Page(['officer', 'approver'])
  async list(@CurrentActor() actor: Actor, @Query('cursor') cursor: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    const waiting = await this.agreements.list(actor, { status: 'awaiting_province', limit: AGREEMENTS_PER_PAGE, cursor: cursor || undefined });
    return view(agreementsPage(page, { items: waiting.items, nextCursor: waiting.nextCursor }));
  }

  @Get('awards/:id/agreement')
  @Page()
  async show(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    return view(agreementPage(page, await this.agreements.get(actor, id), noticeOf(AGREEMENT_NOTICES, notice)));
  }

  /** Someone who may not sign it now (not a signing authority, or nothing waits for them) goes back to the agreement. */
  @Get('awards/:id/agreement/sign')
  @Page()
  async signForm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    const agreement = await this.agreements.get(actor, id);
    return agreement.can.sign ? view(signPage(page, agreement, { values: emptySignForm(), errors: [] })) : redirectTo(`/awards/${id}/agreement`);
  }

  @Post('awards/:id/agreement/sign')
  @Page([], { back: '/awards/:id/agreement/sign' })
  sign(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const { values, problems } = readSignForm(body);
    return submitForm({
      problems: problems.map((problem) => signProblemError(page, problem)),
      run: () => this.agreements.sign(actor, id, { version: values.version!, name: values.name, title: values.title, pdfSha256: values.pdfSha256 || undefined }),
      refusals: signRefusals(page),
      done: () => redirectTo(`/awards/${id}/agreement?notice=signed`),
      again: async (errors) => signPage(page, await this.agreements.get(actor, id), { values, errors }),
    });
  }

  @Get('awards/:id/agreement/countersign')
  @Page('approver')
  async countersignForm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    const agreement = await this.agreements.get(actor, id);
    // Waiting for signatures, the page shows: an approver who may not counter-sign is told why when the service refuses.
    const waiting = agreement.status === 'awaiting_recipient' || agreement.status === 'awaiting_province';
    return waiting ? view(countersignPage(page, agreement, { title: '', errors: [] })) : redirectTo(`/awards/${id}/agreement`);
  }

  @Post('awards/:id/agreement/countersign')
  @Page('approver', { back: '/awards/:id/agreement/countersign' })
  countersign(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const form = readCountersignForm(body);
    return submitForm({
      problems: [...(form.tooLong ? [{ field: 'title', message: page.t('agreement.error.titleTooLong', { max: SIGNER_TITLE.maxLength }) }] : []), ...(form.version === null ? [signRefusal(page, 'agreement.error.version')] : [])],
      run: () => this.agreements.countersign(actor, id, { version: form.version!, title: form.title.trim() || undefined }),
      refusals: countersignRefusals(page),
      done: () => redirectTo(`/awards/${id}/agreement?notice=countersigned`),
      again: async (errors) => countersignPage(page, await this.agreements.get(actor, id), { title: form.title, errors }),
    });
  }

  /** The form starts from the version in force; an agreement that cannot be amended now goes back to the agreement. */
  @Get('awards/:id/amendments/new')
  @Page('officer')
  async amendmentForm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    const { agreement, paid } = await this.amendable(actor, id);
    if (!agreement.can.amend) return redirectTo(`/awards/${id}/agreement`);
    return view(amendmentPage(page, { agreement, inForce: agreement.schedules, paid, values: amendmentFormFrom(page.locale, agreement.schedules), errors: [] }));
  }

  @Post('awards/:id/amendments/new')
  @Page('officer', { back: '/awards/:id/amendments/new' })
  async amend(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const { agreement, paid } = await this.amendable(actor, id);
    const values = readAmendmentForm(body, agreement.schedules);
    const { amendment, problems } = amendmentOf(values, agreement.schedules, paid);
    return submitForm({
      problems: problems.map((problem) => amendmentError(page, problem)),
      run: () => this.agreements.amend(actor, id, amendment!),
      refusals: amendmentRefusals(page),
      done: () => redirectTo(`/awards/${id}/agreement?notice=amended`),
      again: (errors) => amendmentPage(page, { agreement, inForce: agreement.schedules, paid, values, errors }),
    });
  }

  /**
   * The agreement with the award's instalments already paid (by their place in the payment plan,
   * which follows the award's payments in order): those an amendment must leave as they are.
   */
  private async amendable(actor: Actor, id: string): Promise<{ agreement: Agreement; paid: ReadonlySet<number> }> {
    const agreement = await this.agreements.get(actor, id);
    const award = await this.awards.get(actor, id);
    return { agreement, paid: new Set(award.payments.flatMap((payment, index) => (payment.status === 'paid' ? [index] : []))) };
  }
}

function signProblemError(page: PageContext, problem: SignFormProblem): FieldError {
  if (problem.field === 'attest') return { field: 'attest', message: page.t('agreement.error.attestMissing') };
  if (problem.field === 'version') return signRefusal(page, 'agreement.error.version');
  const max = problem.field === 'name' ? SIGNER_NAME.maxLength : SIGNER_TITLE.maxLength;
  const key = `agreement.error.${problem.field}${problem.kind === 'missing' ? 'Missing' : 'TooLong'}` as const;
  return { field: problem.field, message: page.t(key, { max }) };
}

function signRefusals(page: PageContext): Partial<Record<string, Refusal>> {
  return {
    NOT_SIGNING_AUTHORITY: signRefusal(page, 'agreement.error.notSigningAuthority'),
    STALE_VERSION: (error: DomainError) => [signRefusal(page, 'agreement.error.stale', { version: String(error.details?.currentVersion ?? '') })],
    AGREEMENT_PDF_CHANGED: signRefusal(page, 'agreement.error.pdfChanged'),
    AGREEMENT_ALREADY_SIGNED: signRefusal(page, 'agreement.error.alreadySigned'),
    AGREEMENT_NOT_READY: signRefusal(page, 'agreement.error.notReady'),
    AGREEMENT_NOT_PENDING: signRefusal(page, 'agreement.error.notPending'),
  };
}

function countersignRefusals(page: PageContext): Partial<Record<string, Refusal>> {
  const beside = (key: MessageKey): FieldError => ({ field: 'title', message: page.t(key) });
  return {
    SEPARATION_OF_DUTIES: beside('agreement.error.separationOfDuties'),
    STAFF_CONFLICT: beside('agreement.error.staffConflict'),
    AGREEMENT_NOT_SIGNED: beside('agreement.error.notSigned'),
    NOT_APPROVER: beside('agreement.error.notApprover'),
    STALE_VERSION: (error: DomainError) => [signRefusal(page, 'agreement.error.stale', { version: String(error.details?.currentVersion ?? '') })],
    AGREEMENT_NOT_PENDING: beside('agreement.error.notPending'),
  };
}

function amendmentRefusals(page: PageContext): Partial<Record<string, Refusal>> {
  return {
    rule_violation: (error: DomainError) => problemsOf(error.details, error.code).map((problem) => serviceProblemError(page, problem)),
    AMENDMENT_PENDING: (error: DomainError) => [{ field: 'reason', message: page.t('amendment.error.pending', { version: String(error.details?.version ?? '') }) }],
    AGREEMENT_NOT_EXECUTED: { field: 'reason', message: page.t('amendment.error.notExecuted') },
    STAFF_CONFLICT: { field: 'reason', message: page.t('amendment.error.staffConflict') },
  };
}
