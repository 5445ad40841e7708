import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Call, CallService, Localized } from '@grants/calls';
import { DomainError, NotFoundError } from '@grants/core';
import { Actor } from '@grants/identity';
import { AssignmentService, AssignmentView, ReviewService } from '@grants/reviews';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { OptionalActor, Public } from '../../http/auth/auth.decorators';
import { MessageKey } from '../i18n/i18n';
import { formPage, PageContext, pageContext } from '../page-context';
import { FieldError } from '../views/form';
import { hasPageRole, PageRequest, sendScript, signInFirst } from '../web-request';
import { declarationPage, REVIEWER_SCRIPT_PATH, ReviewListRow, reviewListPage, reviewStatus, scoreProblemMessage, scoringPage } from './reviewer.pages';
import { REVIEWER_SCRIPT } from './reviewer.script';
import { MAX_EXPLANATION_LENGTH, readScoreForm, savedScoreForm, ScoreFormValues, scoreFormProblems, toScoreInput } from './score-form';
import { typedText } from '../forms/fields';

type Form = Record<string, unknown>;

const LIST_NOTICES: Record<string, MessageKey> = { recused: 'reviewer.notice.recused', submitted: 'reviewer.notice.submitted' };
const REVIEW_NOTICES: Record<string, MessageKey> = { declared: 'reviewer.notice.declared', saved: 'reviewer.notice.saved' };

/**
 * The reviewer's pages, where the links of the assignment emails lead: their assignments, the
 * conflict declaration that comes before any content, then the application and the scoring form.
 * Everything works without JavaScript; the script only moves focus to errors and keeps a live total.
 */
@ApiExcludeController()
@Public()
@Controller()
export class ReviewerWebController {
  constructor(
    private readonly reviews: ReviewService,
    private readonly assignments: AssignmentService,
    private readonly calls: CallService,
    private readonly dataSource: DataSource,
  ) {}

  @Get(REVIEWER_SCRIPT_PATH.slice(1))
  script(@Res() response: Response): void {
    sendScript(response, REVIEWER_SCRIPT);
  }

  @Get('reviews')
  async list(@OptionalActor() actor: Actor | null, @Query('notice') notice: string | undefined, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'reviewer')) return signInFirst(request, response);
    const page = pageContext(request, response);
    const assignments = await this.reviews.assignments(actor);
    // The service lists live assignments only; recusals stay on the page as a record of the declaration.
    const recused = (await this.dataSource.query(
      `SELECT r.id, a.reference_number, o.legal_name, c.id AS call_id, c.title
         FROM review_assignment r
         JOIN application a ON a.id = r.application_id
         JOIN organization o ON o.id = a.organization_id
         JOIN call c ON c.id = a.call_id
        WHERE r.reviewer_id = $1 AND r.status = 'recused'
        ORDER BY r.declared_at`,
      [actor.userId],
    )) as Array<{ id: string; reference_number: string | null; legal_name: string; call_id: string; title: Localized }>;
    const calls = await this.callsById(actor, assignments.map((assignment) => assignment.callId));
    const rows: ReviewListRow[] = [
      ...assignments.map((assignment) => ({
        id: assignment.id,
        referenceNumber: assignment.referenceNumber,
        organizationName: assignment.organizationName,
        callTitle: assignment.callTitle[page.locale] ?? '',
        reviewDueAt: calls.get(assignment.callId)?.reviewDueAt ?? null,
        status: reviewStatus(assignment),
      })),
      ...recused.map((row) => ({ id: row.id, referenceNumber: row.reference_number, organizationName: row.legal_name, callTitle: row.title[page.locale] ?? '', reviewDueAt: null, status: 'recused' as const })),
    ];
    response.type('html').send(reviewListPage(page, rows, LIST_NOTICES[notice ?? ''] ?? null));
  }

  @Get('reviews/:assignmentId')
  async show(
    @OptionalActor() actor: Actor | null,
    @Param('assignmentId', ParseUUIDPipe) id: string,
    @Query('notice') notice: string | undefined,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    if (!hasPageRole(actor, 'reviewer')) return signInFirst(request, response);
    const page = pageContext(request, response);
    const assignment = await this.own(actor, id);
    const call = await this.calls.get(actor, assignment.callId);
    if (assignment.conflictDeclared === null) {
      response.type('html').send(declarationPage(page, assignment, call, { conflict: '', explanation: '', errors: [] }));
      return;
    }
    const values = savedScoreForm(call.rubric?.criteria ?? [], assignment.scores, assignment.overallComment);
    await this.sendScoring(response, page, actor, assignment, call, { values, errors: [], notice: REVIEW_NOTICES[notice ?? ''] ?? null });
  }

  @Post('reviews/:assignmentId/conflict')
  async declare(@OptionalActor() actor: Actor | null, @Param('assignmentId', ParseUUIDPipe) id: string, @Body() body: Form, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'reviewer')) return signInFirst(request, response, `/reviews/${id}`);
    const page = formPage(request, response, `/reviews/${id}`);
    const conflict = typedText(body.conflict);
    const explanation = typedText(body.explanation).trim();
    const errors: FieldError[] = [
      ...(conflict === 'yes' || conflict === 'no' ? [] : [{ field: 'conflict-no', message: page.t('reviewer.error.chooseConflict') }]),
      ...(explanation.length > MAX_EXPLANATION_LENGTH ? [{ field: 'explanation', message: page.t('reviewer.error.explanationTooLong', { max: MAX_EXPLANATION_LENGTH }) }] : []),
    ];
    if (errors.length > 0) {
      const assignment = await this.own(actor, id);
      const call = await this.calls.get(actor, assignment.callId);
      response.status(HttpStatus.UNPROCESSABLE_ENTITY).type('html').send(declarationPage(page, assignment, call, { conflict, explanation: typedText(body.explanation), errors }));
      return;
    }
    try {
      await this.assignments.declareConflict(actor, id, conflict === 'yes', explanation || null);
    } catch (error: unknown) {
      // Declared already, say from another tab: the assignment's page shows where it stands.
      if (error instanceof DomainError && error.code === 'ALREADY_DECLARED') return response.redirect(HttpStatus.SEE_OTHER, `/reviews/${id}`);
      throw error;
    }
    response.redirect(HttpStatus.SEE_OTHER, conflict === 'yes' ? '/reviews?notice=recused' : `/reviews/${id}?notice=declared`);
  }

  @Post('reviews/:assignmentId/scores')
  async save(@OptionalActor() actor: Actor | null, @Param('assignmentId', ParseUUIDPipe) id: string, @Body() body: Form, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'reviewer')) return signInFirst(request, response, `/reviews/${id}`);
    await this.saveAnd(actor, id, body, request, response, false);
  }

  /** Saves what the form holds, then submits it: the reviewer never has to save first. */
  @Post('reviews/:assignmentId/submit')
  async submit(@OptionalActor() actor: Actor | null, @Param('assignmentId', ParseUUIDPipe) id: string, @Body() body: Form, @Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (!hasPageRole(actor, 'reviewer')) return signInFirst(request, response, `/reviews/${id}`);
    await this.saveAnd(actor, id, body, request, response, true);
  }

  private async saveAnd(actor: Actor, id: string, body: Form, request: PageRequest, response: Response, submit: boolean): Promise<void> {
    const page = formPage(request, response, `/reviews/${id}`);
    const assignment = await this.own(actor, id);
    // Not declared yet, or already submitted: the assignment's page says what can be done.
    if (assignment.conflictDeclared !== false || assignment.status !== 'assigned') return response.redirect(HttpStatus.SEE_OTHER, `/reviews/${id}`);
    const call = await this.calls.get(actor, assignment.callId);
    const criteria = call.rubric?.criteria ?? [];
    const values = readScoreForm(criteria, body);
    const refuse = (errors: FieldError[], notice: MessageKey | null, status = HttpStatus.UNPROCESSABLE_ENTITY) =>
      this.sendScoring(response.status(status), page, actor, assignment, call, { values, errors, notice });
    const messages = (complete: boolean) => scoreFormProblems(criteria, values, { complete }).map((problem) => scoreProblemMessage(page.t, page.locale, problem));

    const draftErrors = messages(false);
    if (draftErrors.length > 0) return refuse(submit ? messages(true) : draftErrors, null);
    try {
      await this.reviews.saveScores(actor, id, toScoreInput(criteria, values));
      if (!submit) return response.redirect(HttpStatus.SEE_OTHER, `/reviews/${id}?notice=saved`);
      const incomplete = messages(true);
      if (incomplete.length > 0) return refuse(incomplete, 'reviewer.notice.savedNotSubmitted');
      await this.reviews.submit(actor, id);
    } catch (error: unknown) {
      // Submitted from another tab, or the application left review (withdrawn, decided) meanwhile.
      if (error instanceof DomainError && error.kind === 'conflict') return refuse([{ field: 'scoring', message: page.t('reviewer.error.closed') }], null, HttpStatus.CONFLICT);
      throw error;
    }
    response.redirect(HttpStatus.SEE_OTHER, '/reviews?notice=submitted');
  }

  private async sendScoring(
    response: Response,
    page: PageContext,
    actor: Actor,
    assignment: AssignmentView,
    call: Call,
    form: { values: ScoreFormValues; errors: FieldError[]; notice: MessageKey | null },
  ): Promise<void> {
    // Throws CONFLICT_DECLARATION_REQUIRED unless the reviewer declared no conflict.
    const application = await this.reviews.readApplication(actor, assignment.applicationId);
    response.type('html').send(scoringPage(page, { assignment, application, call, ...form }));
  }

  /** One of the reviewer's live assignments; anything else does not exist for them. */
  private async own(actor: Actor, id: string): Promise<AssignmentView> {
    const assignment = (await this.reviews.assignments(actor)).find((candidate) => candidate.id === id);
    if (!assignment) throw new NotFoundError('Assignment');
    return assignment;
  }

  private async callsById(actor: Actor, ids: string[]): Promise<Map<string, Call>> {
    const calls = await Promise.all([...new Set(ids)].map((id) => this.calls.get(actor, id)));
    return new Map(calls.map((call) => [call.id, call]));
  }
}

/** Signed in as a reviewer; anyone else signed in is refused with a page, a visitor sent to sign in. */