import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Award, AwardService, AwardSummary, LetterService, ReleaseProgress, ReleaseService, ReportService, ReportView } from '@grants/awards';
import { Page } from '@grants/core';
import { Actor } from '@grants/identity';
import { Response } from 'express';
import { CurrentActor, Roles } from '../http/auth/auth.decorators';
import { STAFF_CONFLICT_REFUSAL } from '../http/refusals';
import { AwardQueryDto, FileReportDto, ReviewReportDto } from './award.dto';

@ApiTags('Awards and reporting')
@ApiBearerAuth()
@Controller()
export class AwardsController {
  constructor(
    private readonly releases: ReleaseService,
    private readonly letters: LetterService,
    private readonly awards: AwardService,
    private readonly reports: ReportService,
  ) {}

  @Post('calls/:id/release-decisions')
  @Roles('officer')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ description: 'The release: one letter and one email queued per decided, unreleased application. Follow it at GET /calls/:id/releases/:releaseId' })
  @ApiForbiddenResponse({ description: 'STAFF_CONFLICT, nothing released: a decision to release is of an organization the officer is tied to (details.referenceNumbers)' })
  release(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) callId: string): Promise<ReleaseProgress> {
    return this.releases.release(actor, callId);
  }

  @Get('calls/:id/releases/:releaseId')
  @Roles('officer')
  @ApiOkResponse({ description: '{total, lettersGenerated, emailsSent, failed, status, failures}' })
  progress(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) callId: string, @Param('releaseId', ParseUUIDPipe) releaseId: string): Promise<ReleaseProgress> {
    return this.releases.progress(actor, callId, releaseId);
  }

  @Post('calls/:id/releases/:releaseId/retry')
  @Roles('officer')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ description: 'Queues the failed letters and emails of the release again' })
  @ApiForbiddenResponse({ description: 'STAFF_CONFLICT, nothing queued: a failed letter is of an organization the officer is tied to (details.referenceNumbers)' })
  retry(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) callId: string, @Param('releaseId', ParseUUIDPipe) releaseId: string): Promise<ReleaseProgress> {
    return this.releases.retryFailed(actor, callId, releaseId);
  }

  @Get('applications/:id/letter')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The decision letter (PDF), for the organization’s members and officers' })
  @ApiNotFoundResponse({ description: 'Not generated yet, or not yours' })
  async letter(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) applicationId: string, @Res() response: Response): Promise<void> {
    const { filename, content } = await this.letters.download(actor, applicationId);
    response.attachment(filename);
    response.type('application/pdf');
    response.setHeader('Content-Length', String(content.length));
    response.end(content);
  }

  @Get('awards')
  @ApiOkResponse({ description: 'Officers: every award; members: their organizations’. With what is paid, the next payment due and the reports waiting for review.' })
  list(@CurrentActor() actor: Actor, @Query() query: AwardQueryDto): Promise<Page<AwardSummary>> {
    return this.awards.list(actor, query);
  }

  @Get('awards/:id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<Award> {
    return this.awards.get(actor, id);
  }

  @Post('awards/:id/accept')
  @HttpCode(HttpStatus.OK)
  @ApiConflictResponse({ description: 'AWARD_NOT_OFFERED' })
  @ApiUnprocessableEntityResponse({ description: 'ACCEPTANCE_DEADLINE_PASSED' })
  accept(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<Award> {
    return this.awards.accept(actor, id);
  }

  @Post('awards/:id/decline')
  @HttpCode(HttpStatus.OK)
  @ApiConflictResponse({ description: 'AWARD_NOT_OFFERED' })
  decline(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<Award> {
    return this.awards.decline(actor, id);
  }

  @Post('awards/:id/reports')
  @ApiCreatedResponse({ description: 'The filed report' })
  @ApiConflictResponse({ description: 'AWARD_NOT_ACCEPTED or REPORT_ALREADY_FILED' })
  @ApiUnprocessableEntityResponse({ description: 'REPORT_NOT_OWED' })
  @ApiBadRequestResponse({ description: 'OUTCOMES_INVALID or SPENDING_INVALID (a line of another period, a category given twice), naming each field' })
  fileReport(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FileReportDto): Promise<ReportView> {
    return this.reports.file(actor, id, body);
  }

  @Post('awards/:id/reports/:reportId/review')
  @Roles('officer')
  @HttpCode(HttpStatus.OK)
  @ApiConflictResponse({ description: 'REPORT_NOT_SUBMITTED' })
  @ApiForbiddenResponse({ description: STAFF_CONFLICT_REFUSAL })
  @ApiUnprocessableEntityResponse({ description: 'COMMENT_REQUIRED when sending back without a comment; VARIANCE_NOT_COVERED when accepting spending beyond schedule D’s flexibility without an amendment or a varianceJustification' })
  reviewReport(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('reportId', ParseUUIDPipe) reportId: string, @Body() body: ReviewReportDto): Promise<ReportView> {
    return this.reports.review(actor, id, reportId, { outcome: body.outcome, comment: body.comment ?? null, varianceJustification: body.varianceJustification ?? null });
  }
}
