import { Body, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { Call, CallService, RubricCriterion } from '@grants/calls';
import { NotFoundError } from '@grants/core';
import { Actor } from '@grants/identity';
import { AssignmentService, AssignmentView, ReviewService } from '@grants/reviews';
import { CurrentActor } from '../../http/auth/auth.decorators';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { noticeOf, Page, PageController, PageCtx, PageResult, PublicPage, redirectTo, script, submitForm, view } from '../pipeline';
import { FieldError } from '../views/form';
import { FormBody } from '../web-request';
import { conflictProblemMessage, declarationPage, REVIEWER_SCRIPT_PATH, reviewConfirmPage, reviewListPage, reviewListRows, scoreProblemMessage, scoringPage } from './reviewer.pages';
import { REVIEWER_SCRIPT } from './reviewer.script';
import { conflictFormProblems, readConflictForm, readScoreForm, savedScoreForm, ScoreFormValues, scoreFormProblems, toScoreInput, weightedTotal } from './score-form';

const LIST_NOTICES: Record<string, MessageKey> = { recused: 'reviewer.notice.recused', submitted: 'reviewer.notice.submitted' };
const REVIEW_NOTICES: Record<string, MessageKey> = { declared: 'reviewer.notice.declared', saved: 'reviewer.notice.saved' };

interface ScoringForm {
  values: ScoreFormValues;
  errors: FieldError[];
  notice: MessageKey | null;
}

/**
 * The reviewer's pages, where the links of the assignment emails lead: their assignments, the
 * conflict declaration that comes before any content, then the application and the scoring form.
 * Everything works without JavaScript; the script only moves focus to errors and keeps a live total.
 */
@PageController()
export class ReviewerWebController {
  constructor(
    private readonly reviews: ReviewService,
    private readonly assignments: AssignmentService,
    private readonly calls: CallService,
  ) {}

  @Get(REVIEWER_SCRIPT_PATH.slice(1))
  @PublicPage()
  script(): PageResult {
    return script(REVIEWER_SCRIPT);
  }

  @Get('reviews')
  @Page('reviewer')
  async list(@CurrentActor() actor: Actor, @Query('notice') notice: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    const assignments = await this.reviews.assignments(actor);
    // Recusals stay on the page as a record of the declaration.
    const recusals = await this.reviews.recusals(actor);
    const calls = await this.callsById(actor, assignments.map((assignment) => assignment.callId));
    return view(reviewListPage(page, reviewListRows(page.locale, assignments, recusals, calls), noticeOf(LIST_NOTICES, notice)));
  }

  @Get('reviews/:assignmentId')
  @Page('reviewer')
  async show(@CurrentActor() actor: Actor, @Param('assignmentId', ParseUUIDPipe) id: string, @Query('notice') notice: string | undefined, @PageCtx() page: PageContext): Promise<PageResult> {
    const assignment = await this.own(actor, id);
    const call = await this.calls.get(actor, assignment.callId);
    if (assignment.conflictDeclared === null) {
      const declaration = await page.typedOr(readConflictForm, () => ({ conflict: '', explanation: '' }));
      return view(declarationPage(page, assignment, call, { ...declaration.values, errors: [], notice: declaration.restored ? 'form.restored' : null }));
    }
    const criteria = call.rubric?.criteria ?? [];
    const saved = () => savedScoreForm(criteria, assignment.scores, assignment.overallComment);
    // The scores as typed when the session ended, while they can still be saved.
    const form = assignment.status === 'assigned' ? await page.typedOr((typed) => readScoreForm(criteria, typed), saved) : { values: saved(), restored: false };
    return view(await this.scoring(page, actor, assignment, call, { values: form.values, errors: [], notice: form.restored ? 'form.restored' : noticeOf(REVIEW_NOTICES, notice) }));
  }

  @Post('reviews/:assignmentId/conflict')
  @Page('reviewer', { back: '/reviews/:assignmentId', keepTyped: true })
  declare(@CurrentActor() actor: Actor, @Param('assignmentId', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    const form = readConflictForm(body);
    return submitForm({
      problems: conflictFormProblems(form).map((problem) => conflictProblemMessage(page.t, problem)),
      run: () => this.assignments.declareConflict(actor, id, form.conflict === 'yes', form.explanation.trim() || null),
      // Declared already, say from another tab: the assignment's page shows where it stands.
      refusals: { ALREADY_DECLARED: () => redirectTo(`/reviews/${id}`) },
      done: () => redirectTo(form.conflict === 'yes' ? '/reviews?notice=recused' : `/reviews/${id}?notice=declared`),
      again: (errors) => this.declaration(page, actor, id, { ...form, errors }),
    });
  }

  @Post('reviews/:assignmentId/scores')
  @Page('reviewer', { back: '/reviews/:assignmentId', keepTyped: true })
  save(@CurrentActor() actor: Actor, @Param('assignmentId', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.saveAnd(actor, id, body, page, false);
  }

  /** Saves what the form holds as a draft, then asks before submitting it: the reviewer never has to save first. */
  @Post('reviews/:assignmentId/submit')
  @Page('reviewer', { back: '/reviews/:assignmentId', keepTyped: true })
  submit(@CurrentActor() actor: Actor, @Param('assignmentId', ParseUUIDPipe) id: string, @Body() body: FormBody, @PageCtx() page: PageContext): Promise<PageResult> {
    return this.saveAnd(actor, id, body, page, true);
  }

  /** The saved draft's scores and weighted total, and what submitting does; a draft that is not complete goes back to its form. */
  @Get('reviews/:assignmentId/confirm')
  @Page('reviewer')
  async confirm(@CurrentActor() actor: Actor, @Param('assignmentId', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    const assignment = await this.own(actor, id);
    if (assignment.conflictDeclared !== false || assignment.status !== 'assigned') return redirectTo(`/reviews/${id}`);
    const { criteria, total } = await this.draftTotal(actor, assignment);
    return total === null ? redirectTo(`/reviews/${id}#scoring`) : view(reviewConfirmPage(page, assignment, criteria, total, []));
  }

  @Post('reviews/:assignmentId/submit/confirm')
  @Page('reviewer', { back: '/reviews/:assignmentId/confirm' })
  confirmed(@CurrentActor() actor: Actor, @Param('assignmentId', ParseUUIDPipe) id: string, @PageCtx() page: PageContext): Promise<PageResult> {
    return submitForm({
      run: () => this.reviews.submit(actor, id),
      // Submitted from another tab, or the application left review meanwhile: the assignment's page says where it stands.
      refusals: { conflict: () => redirectTo(`/reviews/${id}`) },
      done: () => redirectTo('/reviews?notice=submitted'),
      again: async (errors) => {
        const assignment = await this.own(actor, id);
        const { criteria, total } = await this.draftTotal(actor, assignment);
        return reviewConfirmPage(page, assignment, criteria, total, errors);
      },
    });
  }

  private async saveAnd(actor: Actor, id: string, body: FormBody, page: PageContext, submit: boolean): Promise<PageResult> {
    const assignment = await this.own(actor, id);
    // Not declared yet, or already submitted: the assignment's page says what can be done.
    if (assignment.conflictDeclared !== false || assignment.status !== 'assigned') return redirectTo(`/reviews/${id}`);
    const call = await this.calls.get(actor, assignment.callId);
    const criteria = call.rubric?.criteria ?? [];
    const values = readScoreForm(criteria, body);
    const messages = (complete: boolean) => scoreFormProblems(criteria, values, { complete }).map((problem) => scoreProblemMessage(page.t, page.locale, problem));
    const again = (errors: FieldError[], notice: MessageKey | null) => this.scoring(page, actor, assignment, call, { values, errors, notice });
    // A draft is saved whatever is missing; submitting needs every criterion, and says so once the draft is saved.
    const draftErrors = messages(false);
    const incomplete = submit ? messages(true) : [];
    return submitForm({
      problems: draftErrors.length > 0 && submit ? incomplete : draftErrors,
      run: () => this.reviews.saveScores(actor, id, toScoreInput(criteria, values)),
      // Submitted from another tab, or the application left review (withdrawn, decided) meanwhile.
      refusals: { conflict: { field: 'scoring', message: page.t('reviewer.error.closed') } },
      done: async () => {
        if (!submit) return redirectTo(`/reviews/${id}?notice=saved`);
        if (incomplete.length > 0) return view(await again(incomplete, 'reviewer.notice.savedNotSubmitted'), HttpStatus.UNPROCESSABLE_ENTITY);
        return redirectTo(`/reviews/${id}/confirm`);
      },
      again: (errors) => again(errors, null),
    });
  }

  /** The weighted total of the saved draft, or null while a criterion has no score. */
  private async draftTotal(actor: Actor, assignment: AssignmentView): Promise<{ criteria: RubricCriterion[]; total: number | null }> {
    const criteria = (await this.calls.get(actor, assignment.callId)).rubric?.criteria ?? [];
    return { criteria, total: weightedTotal(criteria, savedScoreForm(criteria, assignment.scores, assignment.overallComment)) };
  }

  private async declaration(page: PageContext, actor: Actor, id: string, form: { conflict: string; explanation: string; errors: FieldError[] }): Promise<string> {
    const assignment = await this.own(actor, id);
    return declarationPage(page, assignment, await this.calls.get(actor, assignment.callId), form);
  }

  private async scoring(page: PageContext, actor: Actor, assignment: AssignmentView, call: Call, form: ScoringForm): Promise<string> {
    // Throws CONFLICT_DECLARATION_REQUIRED unless the reviewer declared no conflict.
    const application = await this.reviews.readApplication(actor, assignment.applicationId);
    return scoringPage(page, { assignment, application, call, ...form });
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
