import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Actor } from '@grants/identity';
import { NotFoundError, Page } from '@grants/core';
import {
  ApplicationReviewers,
  AssignableReviewer,
  AssignmentService,
  AssignmentView,
  AutoAssignment,
  AwaitingReviewItem,
  CallDecision,
  CallRanking,
  ConflictDeclaration,
  Decision,
  DecisionRecord,
  DecisionService,
  OfficerReviewView,
  RankingService, RecusalView, ReviewAssignmentEntity, ReviewService } from '@grants/reviews';
import { CurrentActor, Roles } from '../http/auth/auth.decorators';
import { PageQueryDto } from '../http/page-query.dto';
import { STAFF_CONFLICT_REFUSAL } from '../http/refusals';
import { AssignReviewerDto, ConflictDeclarationDto, DecisionDto, ScoresDto } from './review.dto';

@ApiTags('Screening, review, decisions')
@ApiBearerAuth()
@Controller()
export class ReviewsController {
  constructor(
    private readonly assignments: AssignmentService,
    private readonly reviews: ReviewService,
    private readonly rankings: RankingService,
    private readonly decisions: DecisionService,
  ) {}

  @Post('calls/:id/assignments/auto')
  @Roles('officer')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: '{created, shortfalls, conflicted}: applications that could not get enough eligible reviewers are listed, and those left alone because you belong to their organization or declared a conflict with it' })
  autoAssign(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) callId: string): Promise<AutoAssignment> {
    return this.assignments.autoAssign(actor, callId);
  }

  @Post('applications/:id/assignments')
  @Roles('officer')
  @ApiCreatedResponse({ description: 'REVIEWER_NOT_ELIGIBLE (422) outside the fund’s pool, a member of the applicant, or conflicted' })
  @ApiForbiddenResponse({ description: STAFF_CONFLICT_REFUSAL })
  async assign(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) applicationId: string, @Body() body: AssignReviewerDto): Promise<{ id: string; applicationId: string; reviewerId: string; status: ReviewAssignmentEntity['status'] }> {
    const { id, reviewerId, status } = await this.assignments.assign(actor, applicationId, body.reviewerId);
    return { id, applicationId, reviewerId, status };
  }

  @Delete('assignments/:id')
  @Roles('officer')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiForbiddenResponse({ description: STAFF_CONFLICT_REFUSAL })
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.assignments.remove(actor, id);
  }

  @Get('assignments')
  @Roles('reviewer')
  @ApiOkResponse({ description: 'Your assignments; before you declare, only the reference number and the organization’s name' })
  mine(@CurrentActor() actor: Actor): Promise<AssignmentView[]> {
    return this.reviews.assignments(actor);
  }

  @Get('assignments/recusals')
  @Roles('reviewer')
  @ApiOkResponse({ description: 'The assignments you stepped back from by declaring a conflict, in the order you declared; no content' })
  recusals(@CurrentActor() actor: Actor): Promise<RecusalView[]> {
    return this.reviews.recusals(actor);
  }

  @Post('assignments/:id/conflict')
  @Roles('reviewer')
  @HttpCode(HttpStatus.OK)
  declare(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ConflictDeclarationDto): Promise<ConflictDeclaration> {
    return this.assignments.declareConflict(actor, id, body.conflict, body.explanation ?? null);
  }

  @Put('assignments/:id/scores')
  @Roles('reviewer')
  @ApiForbiddenResponse({ description: 'CONFLICT_DECLARATION_REQUIRED' })
  saveScores(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ScoresDto): Promise<AssignmentView> {
    return this.reviews.saveScores(actor, id, body);
  }

  @Post('assignments/:id/submit')
  @Roles('reviewer')
  @HttpCode(HttpStatus.OK)
  @ApiUnprocessableEntityResponse({ description: 'INCOMPLETE_REVIEW unless every criterion is scored within 0..maxScore' })
  submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AssignmentView> {
    return this.reviews.submit(actor, id);
  }

  @Post('applications/:id/decision')
  @Roles('officer')
  @HttpCode(HttpStatus.OK)
  @ApiUnprocessableEntityResponse({ description: 'APPROVED_EXCEEDS_REQUEST, APPROVED_AMOUNT_REQUIRED, AMOUNT_ON_DECLINE or OVERRIDE_REASON_REQUIRED' })
  @ApiForbiddenResponse({ description: STAFF_CONFLICT_REFUSAL })
  decide(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: DecisionDto): Promise<Decision> {
    return this.decisions.decide(actor, id, {
      outcome: body.outcome,
      approvedCents: body.approvedCents ?? null,
      conditions: body.conditions ?? '',
      rationale: body.rationale,
      overrideReason: body.overrideReason ?? null,
      feedback: body.feedback || null,
    });
  }

  @Get('applications/:id/decision')
  @Roles('officer')
  @ApiOkResponse({ description: 'The decision recorded, with its rationale, who decided and when it was released; 404 while there is none. Officers only' })
  @ApiForbiddenResponse({ description: 'STAFF_CONFLICT: the officer belongs, belonged or declared a conflict with the applicant organization' })
  async decision(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<DecisionRecord> {
    const decision = await this.decisions.decisionOf(actor, id);
    if (!decision) throw new NotFoundError('Decision');
    return decision;
  }

  @Get('applications/:id/assignable-reviewers')
  @Roles('officer')
  @ApiOkResponse({ description: 'Whom the officer may assign by hand: the fund’s pool less the applicant’s members, the conflicted and those on it, least loaded first' })
  assignable(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AssignableReviewer[]> {
    return this.assignments.assignableReviewers(actor, id);
  }

  @Get('applications/:id/reviews')
  @Roles('officer')
  @ApiOkResponse({ description: 'Every review of the application with scores, comments and conflict declarations; officers only' })
  @ApiForbiddenResponse({ description: 'STAFF_CONFLICT: the officer belongs, belonged or declared a conflict with the applicant organization' })
  reviewsOf(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OfficerReviewView[]> {
    return this.reviews.reviewsOf(actor, id);
  }

  @Get('calls/:id/assignments')
  @Roles('officer')
  @ApiOkResponse({ description: 'The call’s applications in review or decided, each with its reviewers and their progress' })
  reviewersOfCall(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) callId: string): Promise<ApplicationReviewers[]> {
    return this.assignments.reviewersOfCall(actor, callId);
  }

  @Get('calls/:id/decisions')
  @Roles('officer')
  @ApiOkResponse({ description: 'Every decision recorded in the call, and whether it was released' })
  decisionsOf(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) callId: string): Promise<CallDecision[]> {
    return this.decisions.decisionsOf(actor, callId);
  }

  @Get('calls/:id/ranking')
  @Roles('officer')
  @ApiOkResponse({
    description:
      'The applications whose required reviews are all submitted, in rank order, a page at a time: each with its raw and normalized score, spread, criterion means, why normalization moved it, and the running total against the envelope; with the funding line, how many await reviews, and each reviewer’s calibration against the panel',
  })
  ranking(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) callId: string, @Query() query: PageQueryDto): Promise<CallRanking> {
    return this.rankings.ranking(actor, callId, query);
  }

  @Get('calls/:id/ranking/awaiting')
  @Roles('officer')
  @ApiOkResponse({ description: 'The applications still awaiting some of their reviews (submitted of required), never ranked, earliest submitted first' })
  awaitingReviews(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) callId: string, @Query() query: PageQueryDto): Promise<Page<AwaitingReviewItem>> {
    return this.rankings.awaitingReviews(actor, callId, query);
  }
}
