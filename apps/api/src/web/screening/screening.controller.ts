import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APPLICATION_STATUSES, ApplicationService, ApplicationStatus, ScreeningService, ScreeningStep } from '@grants/applications';
import { Call, CallService } from '@grants/calls';
import { decodeCursor, DomainError, formatMoney, NotFoundError } from '@grants/core';
import { Actor, OrganizationService } from '@grants/identity';
import { AssignmentService, DecisionProblem, decisionProblems, DecisionService, RankingService, ReviewService } from '@grants/reviews';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { OptionalActor, Public } from '../../http/auth/auth.decorators';
import { endOfOntarioDay } from '../forms/ontario-time';
import { MessageKey } from '../i18n/i18n';
import { formPage, PageContext, pageContext } from '../page-context';
import { FieldError } from '../views/form';
import { hasPageRole, PageRequest, signInFirst } from '../web-request';
import {
  decisionFormProblems,
  decisionProblemField,
  DecisionFormValues,
  EMPTY_DECISION_FORM,
  FormProblem,
  InformationFormValues,
  informationFormProblems,
  readDecisionForm,
  readInformationForm,
  readScreeningForm,
  screeningFormProblems,
  ScreeningFormValues,
  toDecisionRequest,
} from './screening-forms';
import {
  ApplicationListRow,
  applicationListPage,
  applicationPage,
  ApplicationPageData,
  CallAssignmentRow,
  callAssignmentsPage,
  DecisionRecord,
  PAGE_SIZE,
  ScreeningHistoryRow,
} from './screening.pages';
import { typedText } from '../forms/fields';

type Form = Record<string, unknown>;

const NOTICES: Record<string, MessageKey> = {
  eligible: 'screening.notice.eligible',
  ineligible: 'screening.notice.ineligible',
  information: 'screening.notice.information',
  assigned: 'screening.notice.assigned',
  removed: 'screening.notice.removed',
  decided: 'screening.notice.decided',
};

/** Statuses that have a place in the call's ranking (RankingService's). */
const RANKED: readonly ApplicationStatus[] = ['in_review', 'approved', 'declined', 'awarded'];

interface Refusal {
  errors: FieldError[];
  status: HttpStatus;
  forms?: Partial<ApplicationPageData['forms']>;
}

/**
 * The fund officer's applications: the filtered list, each application with its screening,
 * reviewers, reviews and decision, and a call's reviewers with automatic assignment. Every action
 * is a form that works without JavaScript; the services check the rules and record the audit trail.
 */
@ApiExcludeController()
@Public()
@Controller()
export class ScreeningWebController {
  constructor(
    private readonly applications: ApplicationService,
    private readonly screenings: ScreeningService,
    private readonly assignments: AssignmentService,
    private readonly reviews: ReviewService,
    private readonly decisions: DecisionService,
    private readonly rankings: RankingService,
    private readonly calls: CallService,
    private readonly organizations: OrganizationService,
    private readonly dataSource: DataSource,
  ) {}

  @Get('officer/applications')
  async list(
    @OptionalActor() actor: Actor | null,
    @Query('callId') callIdQuery: string | undefined,
    @Query('status') statusQuery: string | undefined,
    @Query('cursor') cursorQuery: string | undefined,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response);
    const page = pageContext(request, response);
    const calls = (await this.calls.list(actor, { limit: 100 })).items;
    // A filter that is not one of the choices is no filter, rather than an error page.
    const callId = calls.some((call) => call.id === callIdQuery) ? callIdQuery! : '';
    const status = (APPLICATION_STATUSES as readonly string[]).includes(statusQuery ?? '') ? (statusQuery as ApplicationStatus) : undefined;
    const cursor = typeof cursorQuery === 'string' && cursorQuery !== '' ? cursorQuery : undefined;
    const found = await this.applications.list(actor, { callId: callId || undefined, status, cursor, limit: PAGE_SIZE });
    const after = cursor ? decodeCursor(cursor) : null;
    const [counts] = (await this.dataSource.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE $3::timestamptz IS NOT NULL AND (date_trunc('milliseconds', created_at), id) >= ($3::timestamptz, $4::uuid))::int AS before
         FROM application
        WHERE ($1::uuid IS NULL OR call_id = $1::uuid) AND ($2::text IS NULL OR status = $2::text)`,
      [callId || null, status ?? null, after?.createdAt ?? null, after?.id ?? null],
    )) as Array<{ total: number; before: number }>;
    const ids = found.items.map((item) => item.id);
    const requested = new Map(
      ids.length === 0
        ? []
        : ((await this.dataSource.query(`SELECT application_id, COALESCE(SUM(amount_cents), 0)::bigint AS cents FROM application_budget_line WHERE application_id = ANY($1::uuid[]) GROUP BY application_id`, [ids])) as Array<{ application_id: string; cents: string }>).map(
            (row) => [row.application_id, Number(row.cents)],
          ),
    );
    const rows: ApplicationListRow[] = found.items.map((item) => ({ ...item, requestedCents: requested.get(item.id) ?? 0 }));
    const missing = [...new Set(rows.map((row) => row.callId))].filter((id) => !calls.some((call) => call.id === id));
    const allCalls = [...calls, ...(await Promise.all(missing.map((id) => this.calls.get(actor, id))))];
    response.type('html').send(
      applicationListPage(page, {
        rows,
        total: counts?.total ?? 0,
        before: counts?.before ?? 0,
        nextCursor: found.nextCursor,
        calls: allCalls,
        filters: { callId, status: status ?? '', cursor: cursor ?? '' },
        statuses: APPLICATION_STATUSES,
      }),
    );
  }

  @Get('officer/applications/:id')
  async show(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response);
    const page = pageContext(request, response);
    const key = NOTICES[notice ?? ''];
    await this.sendApplication(response, page, actor, id, { notice: key ? { kind: 'success', text: page.t(key) } : null });
  }

  @Post('officer/applications/:id/screening')
  async screen(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Body() body: Form, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response, `/officer/applications/${id}`);
    const page = formPage(request, response, `/officer/applications/${id}`);
    const values = readScreeningForm(body);
    const refuse = (refusal: Refusal) => this.refuse(response, page, actor, id, { ...refusal, forms: { screening: values } });
    const problems = screeningFormProblems(values);
    if (problems.length > 0) return refuse({ errors: problems.map((problem) => problemMessage(page, problem)), status: HttpStatus.UNPROCESSABLE_ENTITY });
    try {
      await this.screenings.screen(actor, id, values.outcome === 'eligible' ? 'eligible' : 'ineligible', values.reason.trim());
    } catch (error: unknown) {
      if (error instanceof DomainError && error.code === 'NOT_AWAITING_SCREENING') return refuse({ errors: [{ field: 'screening', message: page.t('screening.error.notAwaitingScreening') }], status: HttpStatus.CONFLICT });
      throw error;
    }
    response.redirect(HttpStatus.SEE_OTHER, `/officer/applications/${id}?notice=${values.outcome}`);
  }

  @Post('officer/applications/:id/information-request')
  async requestInformation(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Body() body: Form, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response, `/officer/applications/${id}`);
    const page = formPage(request, response, `/officer/applications/${id}`);
    const values = readInformationForm(body);
    const refuse = (refusal: Refusal) => this.refuse(response, page, actor, id, { ...refusal, forms: { information: values } });
    const problems = informationFormProblems(values);
    if (problems.length > 0) return refuse({ errors: problems.map((problem) => problemMessage(page, problem)), status: HttpStatus.UNPROCESSABLE_ENTITY });
    try {
      await this.screenings.requestInformation(actor, id, values.message.trim(), endOfOntarioDay(values.respondBy)!);
    } catch (error: unknown) {
      if (error instanceof DomainError && error.code === 'RESPOND_BY_IN_PAST') return refuse({ errors: [{ field: 'respondBy', message: page.t('screening.error.respondByPast') }], status: HttpStatus.UNPROCESSABLE_ENTITY });
      if (error instanceof DomainError && error.code === 'NOT_AWAITING_SCREENING') return refuse({ errors: [{ field: 'screening', message: page.t('screening.error.notAwaitingScreening') }], status: HttpStatus.CONFLICT });
      throw error;
    }
    response.redirect(HttpStatus.SEE_OTHER, `/officer/applications/${id}?notice=information`);
  }

  @Post('officer/applications/:id/assignments')
  async assign(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Body() body: Form, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response, `/officer/applications/${id}`);
    const page = formPage(request, response, `/officer/applications/${id}`);
    const reviewerId = typedText(body.reviewerId).trim();
    const refuse = (field: string, key: MessageKey, status = HttpStatus.UNPROCESSABLE_ENTITY) =>
      this.refuse(response, page, actor, id, { errors: [{ field, message: page.t(key) }], status, forms: { reviewerId } });
    if (!/^[0-9a-f-]{36}$/i.test(reviewerId)) return refuse('reviewerId', 'screening.error.chooseReviewer');
    try {
      await this.assignments.assign(actor, id, reviewerId);
    } catch (error: unknown) {
      if (error instanceof DomainError) {
        if (error.code === 'REVIEWER_NOT_ELIGIBLE') return refuse('reviewerId', 'screening.error.reviewerNotEligible');
        if (error.code === 'ALREADY_ASSIGNED') return refuse('reviewerId', 'screening.error.alreadyAssigned', HttpStatus.CONFLICT);
        if (error.code === 'NOT_IN_REVIEW') return refuse('reviewers', 'screening.error.notInReview', HttpStatus.CONFLICT);
      }
      throw error;
    }
    response.redirect(HttpStatus.SEE_OTHER, `/officer/applications/${id}?notice=assigned`);
  }

  @Post('officer/applications/:id/assignments/:assignmentId/remove')
  async remove(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('assignmentId', ParseUUIDPipe) assignmentId: string,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response, `/officer/applications/${id}`);
    const page = formPage(request, response, `/officer/applications/${id}`);
    // Only an assignment of this application, whatever the address says.
    if (!(await this.reviews.reviewsOf(actor, id)).some((review) => review.id === assignmentId)) throw new NotFoundError('Assignment');
    try {
      await this.assignments.remove(actor, assignmentId);
    } catch (error: unknown) {
      if (error instanceof DomainError && error.code === 'ASSIGNMENT_CLOSED') {
        return this.refuse(response, page, actor, id, { errors: [{ field: 'reviewers', message: page.t('screening.error.assignmentClosed') }], status: HttpStatus.CONFLICT });
      }
      throw error;
    }
    response.redirect(HttpStatus.SEE_OTHER, `/officer/applications/${id}?notice=removed`);
  }

  @Post('officer/applications/:id/decision')
  async decide(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Body() body: Form, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response, `/officer/applications/${id}`);
    const page = formPage(request, response, `/officer/applications/${id}`);
    const values = readDecisionForm(body);
    const refuse = (errors: FieldError[], status = HttpStatus.UNPROCESSABLE_ENTITY) => this.refuse(response, page, actor, id, { errors, status, forms: { decision: values } });
    const application = await this.applications.readAccess(actor, id);
    const requestedCents = await this.requestedCents(id);
    const formErrors = decisionFormProblems(values).map((problem) => problemMessage(page, problem));
    if (formErrors.length > 0) {
      // The decision's own rules too, so that every problem is listed at once; the service checks them again.
      const ranked = RANKED.includes(application.application.status)
        ? (await this.rankings.ranking(actor, application.application.callId)).items.find((item) => item.applicationId === id)
        : undefined;
      const ruleErrors =
        ranked && (values.outcome === 'approved' || values.outcome === 'declined')
          ? decisionErrors(page, values, decisionProblems({ ...toDecisionRequest(values), requestedCents: ranked.requestedCents, aboveFundingLine: ranked.aboveFundingLine }), requestedCents)
          : [];
      return refuse(mergeErrors(formErrors, ruleErrors));
    }
    try {
      await this.decisions.decide(actor, id, toDecisionRequest(values));
    } catch (error: unknown) {
      if (error instanceof DomainError && error.kind === 'rule_violation' && Array.isArray(error.details?.problems)) {
        const errors = decisionErrors(page, values, error.details.problems as DecisionProblem[], (error.details.requestedCents as number | undefined) ?? requestedCents);
        if (errors.length > 0) return refuse(errors);
      }
      if (error instanceof DomainError && error.code === 'DECISION_RELEASED') return refuse([{ field: 'decision', message: page.t('screening.error.decisionReleased') }], HttpStatus.CONFLICT);
      if (error instanceof DomainError && error.code === 'NOT_IN_REVIEW') return refuse([{ field: 'decision', message: page.t('screening.error.notDecidable') }], HttpStatus.CONFLICT);
      throw error;
    }
    response.redirect(HttpStatus.SEE_OTHER, `/officer/applications/${id}?notice=decided`);
  }

  @Get('officer/calls/:id/assignments')
  async callAssignments(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) callId: string,
    @Query('created') created: string | undefined,
    @Query('short') short: string | undefined,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response);
    const page = pageContext(request, response);
    const call = await this.calls.get(actor, callId);
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.reference_number, a.status, o.legal_name,
              COALESCE(json_agg(json_build_object('name', u.name, 'status', r.status) ORDER BY r.assigned_at) FILTER (WHERE r.id IS NOT NULL), '[]') AS reviewers
         FROM application a
         JOIN organization o ON o.id = a.organization_id
         LEFT JOIN review_assignment r ON r.application_id = a.id AND r.status IN ('assigned', 'submitted', 'recused')
         LEFT JOIN user_account u ON u.id = r.reviewer_id
        WHERE a.call_id = $1 AND a.status = ANY ($2::text[])
        GROUP BY a.id, o.legal_name
        ORDER BY a.reference_number NULLS LAST, a.id`,
      [callId, RANKED],
    )) as Array<{ id: string; reference_number: string | null; status: ApplicationStatus; legal_name: string; reviewers: CallAssignmentRow['reviewers'] }>;
    response.type('html').send(
      callAssignmentsPage(
        page,
        call,
        rows.map((row) => ({ applicationId: row.id, referenceNumber: row.reference_number, organizationName: row.legal_name, status: row.status, reviewers: row.reviewers })),
        autoNotice(page, created, short),
      ),
    );
  }

  @Post('officer/calls/:id/assignments/auto')
  async autoAssign(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) callId: string, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response, `/officer/calls/${callId}/assignments`);
    const result = await this.assignments.autoAssign(actor, callId);
    response.redirect(HttpStatus.SEE_OTHER, `/officer/calls/${callId}/assignments?created=${result.created}&short=${result.shortfalls.length}`);
  }

  private refuse(response: Response, page: PageContext, actor: Actor, id: string, refusal: Refusal): Promise<void> {
    return this.sendApplication(response.status(refusal.status), page, actor, id, { errors: refusal.errors, forms: refusal.forms, notice: null });
  }

  private async sendApplication(
    response: Response,
    page: PageContext,
    actor: Actor,
    id: string,
    options: { errors?: FieldError[]; forms?: Partial<ApplicationPageData['forms']>; notice: ApplicationPageData['notice'] },
  ): Promise<void> {
    // The service records the officer's read in the organization's access log.
    const application = await this.applications.get(actor, id);
    const [call, organization, screenings, reviews, decision] = await Promise.all([
      this.calls.get(actor, application.callId),
      this.organizations.get(actor, application.organizationId),
      this.screeningHistory(id),
      this.reviews.reviewsOf(actor, id),
      this.decisionOf(id),
    ]);
    const assignable = application.status === 'in_review' ? await this.assignments.assignableReviewers(actor, id) : null;
    const ranking = RANKED.includes(application.status) ? await this.rankingOf(actor, call, id) : null;
    const forms: ApplicationPageData['forms'] = {
      screening: { outcome: '', reason: '' } satisfies ScreeningFormValues,
      information: { message: '', respondBy: '' } satisfies InformationFormValues,
      reviewerId: '',
      decision: decision ? savedDecisionForm(page, decision) : EMPTY_DECISION_FORM,
      ...options.forms,
    };
    response
      .type('html')
      .send(applicationPage(page, { application, call, organization, screenings, reviews, assignable, ranking, decision, forms, errors: options.errors ?? [], notice: options.notice }));
  }

  private async rankingOf(actor: Actor, call: Call, applicationId: string): Promise<ApplicationPageData['ranking']> {
    const ranking = await this.rankings.ranking(actor, call.id);
    const item = ranking.items.find((candidate) => candidate.applicationId === applicationId);
    return item ? { item, total: ranking.items.length } : null;
  }

  private async screeningHistory(applicationId: string): Promise<ScreeningHistoryRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT s.outcome, s.reason, s.respond_by, s.screened_at, u.name AS officer_name
         FROM application_screening s JOIN user_account u ON u.id = s.officer_id
        WHERE s.application_id = $1 ORDER BY s.screened_at`,
      [applicationId],
    )) as Array<{ outcome: ScreeningStep; reason: string; respond_by: Date | null; screened_at: Date; officer_name: string }>;
    return rows.map((row) => ({ outcome: row.outcome, reason: row.reason, respondBy: row.respond_by, screenedAt: row.screened_at, officerName: row.officer_name }));
  }

  private async decisionOf(applicationId: string): Promise<DecisionRecord | null> {
    const [row] = (await this.dataSource.query(
      `SELECT d.outcome, d.approved_cents, d.conditions, d.rationale, d.override_reason, d.feedback, d.decided_at, d.released_at, u.name AS decided_by_name
         FROM application_decision d JOIN user_account u ON u.id = d.decided_by
        WHERE d.application_id = $1`,
      [applicationId],
    )) as Array<{
      outcome: 'approved' | 'declined';
      approved_cents: string | null;
      conditions: string;
      rationale: string;
      override_reason: string | null;
      feedback: string | null;
      decided_at: Date;
      released_at: Date | null;
      decided_by_name: string;
    }>;
    if (!row) return null;
    return {
      outcome: row.outcome,
      approvedCents: row.approved_cents === null ? null : Number(row.approved_cents),
      conditions: row.conditions,
      rationale: row.rationale,
      overrideReason: row.override_reason,
      feedback: row.feedback,
      decidedAt: row.decided_at,
      decidedByName: row.decided_by_name,
      releasedAt: row.released_at,
    };
  }

  private async requestedCents(applicationId: string): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT COALESCE(SUM(amount_cents), 0)::bigint AS cents FROM application_budget_line WHERE application_id = $1`, [applicationId])) as Array<{ cents: string }>;
    return Number(row?.cents ?? 0);
  }
}

function problemMessage(page: PageContext, problem: FormProblem): FieldError {
  return { field: problem.field, message: page.t(`screening.error.${problem.code}`, { max: problem.max ?? 0 }) };
}

/** The decision's rules in words, beside the field they are about. */
function decisionErrors(page: PageContext, values: DecisionFormValues, problems: readonly DecisionProblem[], requestedCents: number): FieldError[] {
  const { t, locale } = page;
  const words: Record<DecisionProblem['code'], string> = {
    APPROVED_AMOUNT_REQUIRED: t('screening.error.amountRequired'),
    APPROVED_EXCEEDS_REQUEST: t('screening.error.amountOverRequest', { requested: formatMoney(locale, requestedCents) }),
    AMOUNT_ON_DECLINE: t('screening.error.amountOnDecline'),
    OVERRIDE_REASON_REQUIRED: t(values.outcome === 'approved' ? 'screening.error.overrideApprove' : 'screening.error.overrideDecline'),
  };
  return problems.flatMap((problem) => {
    const field = decisionProblemField(problem.code);
    return field && problem.code in words ? [{ field, message: words[problem.code] }] : [];
  });
}

/** The form's own problems first; a rule's problem only for a field that has none yet. */
function mergeErrors(first: FieldError[], second: FieldError[]): FieldError[] {
  return [...first, ...second.filter((error) => !first.some((other) => other.field === error.field))];
}

function savedDecisionForm(page: PageContext, decision: DecisionRecord): DecisionFormValues {
  return {
    outcome: decision.outcome,
    amount: decision.approvedCents === null ? '' : formatMoney(page.locale, decision.approvedCents),
    conditions: decision.conditions,
    rationale: decision.rationale,
    feedback: decision.feedback ?? '',
    overrideReason: decision.overrideReason ?? '',
  };
}

function autoNotice(page: PageContext, created: string | undefined, short: string | undefined): ApplicationPageData['notice'] {
  if (created === undefined || !/^\d{1,6}$/.test(created)) return null;
  const count = Number(created);
  const shortfalls = /^\d{1,6}$/.test(short ?? '') ? Number(short) : 0;
  const made = page.t(count === 0 ? 'screening.notice.autoNone' : count === 1 ? 'screening.notice.autoOne' : 'screening.notice.autoMany', { count });
  if (shortfalls === 0) return { kind: 'success', text: made };
  return { kind: 'informational', text: `${made} ${page.t(shortfalls === 1 ? 'screening.notice.shortOne' : 'screening.notice.shortMany', { count: shortfalls })}` };
}
