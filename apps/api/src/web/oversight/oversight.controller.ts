import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Award, AWARD_STATUSES, AwardService, AwardStatus, AuditTrailService, ReportService } from '@grants/awards';
import { CallService } from '@grants/calls';
import { DomainError, ForbiddenError } from '@grants/core';
import { Actor, hasRole } from '@grants/identity';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { OptionalActor, Public } from '../../http/auth/auth.decorators';
import { MessageKey } from '../i18n/i18n';
import { formPage, PageContext, pageContext } from '../page-context';
import { FieldError } from '../views/form';
import { field, FormBody, hasPageRole, PageRequest, signInFirst } from '../web-request';
import { AuditSection, auditPage, awardPage, awardsPage, exportsPage, NextPayment } from './oversight.pages';
import { MAX_PAYMENT_REFERENCE_LENGTH, MAX_REVIEW_COMMENT_LENGTH, paymentReferenceField, paymentReferenceProblem, readAuditSearch, readReportReview, reportReviewProblem, reviewCommentField } from './oversight-forms';
import { typedText } from '../forms/fields';

const AWARDS_PER_PAGE = 25;
const EVENTS_PER_PAGE = 50;
const AWARD_NOTICES: Record<string, MessageKey> = {
  paid: 'oversight.notice.paid',
  accepted: 'oversight.notice.reportAccepted',
  returned: 'oversight.notice.reportReturned',
};

/** An audit search resolved: an application (with its award, if any), or any other identifier. */
type AuditSubject = { kind: 'application'; applicationId: string; reference: string | null; awardId: string | null } | { kind: 'other'; id: string };

/**
 * The officer's follow-up of awards: the awards, one award's payments and reports (recording a
 * payment, accepting or sending back a report), what can be exported, and the audit trail, which
 * administrators read too. Every change goes through AwardService and ReportService.
 */
@ApiExcludeController()
@Public()
@Controller()
export class OversightWebController {
  constructor(
    private readonly awards: AwardService,
    private readonly reports: ReportService,
    private readonly auditTrail: AuditTrailService,
    private readonly calls: CallService,
    private readonly dataSource: DataSource,
  ) {}

  @Get('officer/awards')
  async list(
    @OptionalActor() actor: Actor | null,
    @Query('status') status: string | undefined,
    @Query('cursor') cursor: string | undefined,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response);
    // An unknown status (an edited address) shows every award rather than an error.
    const chosen = (AWARD_STATUSES as readonly string[]).includes(status ?? '') ? (status as AwardStatus) : undefined;
    const awards = await this.awards.list(actor, { status: chosen, limit: AWARDS_PER_PAGE, cursor: cursor || undefined });
    const next = await this.nextPayments(awards.items.map((award) => award.id));
    const rows = awards.items.map((award) => ({ award, nextPayment: next.get(award.id) ?? null }));
    response.type('html').send(awardsPage(pageContext(request, response), { rows, status: chosen ?? '', nextCursor: awards.nextCursor }));
  }

  @Get('officer/awards/:id')
  async show(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response);
    await this.sendAward(response, pageContext(request, response), actor, id, { values: {}, errors: [], notice: AWARD_NOTICES[notice ?? ''] ?? null });
  }

  @Post('officer/awards/:id/payments/:paymentId')
  async recordPayment(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('paymentId', ParseUUIDPipe) paymentId: string,
    @Body() body: FormBody,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response, `/officer/awards/${id}`);
    const page = formPage(request, response, `/officer/awards/${id}`);
    const name = paymentReferenceField(paymentId);
    const reference = field(body, name);
    const problem = paymentReferenceProblem(reference);
    const values = { [name]: typedText(body[name]) };
    if (problem) {
      const message = problem === 'missing' ? page.t('oversight.error.referenceMissing') : page.t('oversight.error.referenceTooLong', { max: MAX_PAYMENT_REFERENCE_LENGTH });
      return this.sendAward(response.status(HttpStatus.UNPROCESSABLE_ENTITY), page, actor, id, { values, errors: [{ field: name, message }], notice: null });
    }
    try {
      await this.awards.recordPayment(actor, id, paymentId, reference);
    } catch (error: unknown) {
      // Recorded meanwhile (another tab, another officer), or not payable any more: the page shows where it stands.
      if (error instanceof DomainError && error.code === 'PAYMENT_NOT_PAYABLE') {
        return this.sendAward(response.status(HttpStatus.CONFLICT), page, actor, id, { values: {}, errors: [{ field: 'payments', message: page.t('oversight.error.notPayable') }], notice: null });
      }
      throw error;
    }
    response.redirect(HttpStatus.SEE_OTHER, `/officer/awards/${id}?notice=paid`);
  }

  @Post('officer/awards/:id/reports/:reportId/review')
  async reviewReport(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('reportId', ParseUUIDPipe) reportId: string,
    @Body() body: FormBody,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response, `/officer/awards/${id}`);
    const page = formPage(request, response, `/officer/awards/${id}`);
    const name = reviewCommentField(reportId);
    const form = readReportReview(body, reportId);
    const problem = reportReviewProblem(form);
    const values = { [name]: form.comment };
    if (problem) {
      const message =
        problem === 'commentRequired'
          ? page.t('oversight.error.commentRequired')
          : problem === 'commentTooLong'
            ? page.t('oversight.error.commentTooLong', { max: MAX_REVIEW_COMMENT_LENGTH })
            : page.t('oversight.error.chooseOutcome');
      return this.sendAward(response.status(HttpStatus.UNPROCESSABLE_ENTITY), page, actor, id, { values, errors: [{ field: name, message }], notice: null });
    }
    const outcome = form.outcome!;
    try {
      await this.reports.review(actor, id, reportId, outcome, form.comment.trim() || null);
    } catch (error: unknown) {
      if (error instanceof DomainError && error.code === 'REPORT_NOT_SUBMITTED') {
        return this.sendAward(response.status(HttpStatus.CONFLICT), page, actor, id, { values: {}, errors: [{ field: 'reports', message: page.t('oversight.error.alreadyReviewed') }], notice: null });
      }
      throw error;
    }
    response.redirect(HttpStatus.SEE_OTHER, `/officer/awards/${id}?notice=${outcome}`);
  }

  @Get('officer/exports')
  exports(@OptionalActor() actor: Actor | null, @Req() request: PageRequest, @Res() response: Response): void {
    if (!hasPageRole(actor, 'officer')) return signInFirst(request, response);
    response.type('html').send(exportsPage(pageContext(request, response)));
  }

  @Get('officer/audit')
  async audit(
    @OptionalActor() actor: Actor | null,
    @Query('entityId') entityId: string | undefined,
    @Query('cursor') cursor: string | undefined,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!hasAnyPageRole(actor, ['officer', 'admin'])) return signInFirst(request, response);
    const page = pageContext(request, response);
    const typed = typeof entityId === 'string' ? entityId.trim() : '';
    const search = readAuditSearch(typed);
    const refuse = (key: MessageKey): void => {
      response.status(HttpStatus.UNPROCESSABLE_ENTITY).type('html').send(auditPage(page, { typed, errors: [{ field: 'entityId', message: page.t(key, { typed }) }], sections: null }));
    };
    if (search.kind === 'none') return void response.type('html').send(auditPage(page, { typed, errors: [], sections: null }));
    if (search.kind === 'invalid') return refuse('oversight.error.searchInvalid');
    const subject = search.kind === 'reference' ? await this.applicationByReference(search.reference) : ((await this.applicationById(search.id)) ?? { kind: 'other' as const, id: search.id });
    if (!subject) return refuse('oversight.error.referenceUnknown');
    const sections: AuditSection[] = [];
    if (subject.kind === 'other') {
      sections.push(await this.section(actor, subject.id, page.t('oversight.audit.heading.other', { id: subject.id }), cursor));
    } else {
      const reference = subject.reference ?? subject.applicationId;
      // A next page continues one trail only: the one its link was for.
      const only = cursor ? (search.kind === 'id' ? search.id : null) : null;
      if (!only || only === subject.applicationId) {
        sections.push(await this.section(actor, subject.applicationId, page.t('oversight.audit.heading.application', { reference }), only ? cursor : undefined));
      }
      if (subject.awardId && (!only || only === subject.awardId)) {
        sections.push(await this.section(actor, subject.awardId, page.t('oversight.audit.heading.award', { reference }), only ? cursor : undefined));
      }
    }
    // Nothing recorded under an identifier that is not an application: say so rather than show an empty table.
    const found = sections.filter((section) => section.events.length > 0 || subject.kind === 'application');
    response.type('html').send(auditPage(page, { typed, errors: [], sections: found }));
  }

  private async section(actor: Actor, entityId: string, heading: string, cursor: string | undefined): Promise<AuditSection> {
    const events = await this.auditTrail.eventsOf(actor, entityId, { limit: EVENTS_PER_PAGE, cursor: cursor || undefined });
    return { heading, entityId, events: events.items, nextCursor: events.nextCursor };
  }

  private async applicationByReference(reference: string): Promise<AuditSubject | null> {
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.reference_number, (SELECT w.id FROM award w WHERE w.application_id = a.id) AS award_id FROM application a WHERE upper(a.reference_number) = $1`,
      [reference],
    )) as Array<{ id: string; reference_number: string | null; award_id: string | null }>;
    const row = rows[0];
    return row ? { kind: 'application', applicationId: row.id, reference: row.reference_number, awardId: row.award_id } : null;
  }

  /** An application's identifier (or its award's) shows both trails, as its reference number does. */
  private async applicationById(id: string): Promise<AuditSubject | null> {
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.reference_number, w.id AS award_id
         FROM application a LEFT JOIN award w ON w.application_id = a.id
        WHERE a.id = $1 OR w.id = $1`,
      [id],
    )) as Array<{ id: string; reference_number: string | null; award_id: string | null }>;
    const row = rows[0];
    return row ? { kind: 'application', applicationId: row.id, reference: row.reference_number, awardId: row.award_id } : null;
  }

  /** Each award's first payment not made yet: the next one due. */
  private async nextPayments(awardIds: string[]): Promise<Map<string, NextPayment>> {
    if (awardIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ON (award_id) award_id, to_char(due_on, 'YYYY-MM-DD') AS due_on, amount_cents::text AS amount_cents, status
         FROM award_payment
        WHERE award_id = ANY($1::uuid[]) AND status <> 'paid'
        ORDER BY award_id, position`,
      [awardIds],
    )) as Array<{ award_id: string; due_on: string; amount_cents: string; status: NextPayment['status'] }>;
    return new Map(rows.map((row) => [row.award_id, { dueOn: row.due_on, amountCents: Number(row.amount_cents), status: row.status }]));
  }

  private async sendAward(response: Response, page: PageContext, actor: Actor, id: string, form: { values: Record<string, string>; errors: FieldError[]; notice: MessageKey | null }): Promise<void> {
    const award: Award = await this.awards.get(actor, id);
    const call = await this.calls.get(actor, award.callId);
    const [organization] = (await this.dataSource.query(`SELECT legal_name FROM organization WHERE id = $1`, [award.organizationId])) as Array<{ legal_name: string }>;
    response.type('html').send(
      awardPage(page, {
        award,
        organizationName: organization?.legal_name ?? '',
        callTitle: call.title?.[page.locale] || call.title?.en || '',
        ...form,
      }),
    );
  }
}

/** Signed in with one of the roles: true; signed in without: the forbidden page; signed out: false. */
function hasAnyPageRole(actor: Actor | null, roles: Array<'officer' | 'admin'>): actor is Actor {
  if (actor && !hasRole(actor, ...roles)) throw new ForbiddenError(`Only users with the ${roles.join(' or ')} role see these pages`);
  return actor !== null;
}

