import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  Application,
  ApplicationService,
  ApplicationSummary,
  ApplicationTotals,
  AttachmentService,
  AttachmentView,
  Screening,
  ScreeningRecord,
  ScreeningService,
  SnapshotView,
  StaffConflictService,
  StaffConflictView,
  Submission,
  SubmissionPdfService,
  SubmissionService,
} from '@grants/applications';
import { AppConfig, Page } from '@grants/core';
import { Actor } from '@grants/identity';
import { ReviewService } from '@grants/reviews';
import { Response } from 'express';
import { CurrentActor, Roles } from '../http/auth/auth.decorators';
import { MultipartFile, UploadedStream } from '../http/multipart-file';
import { STAFF_CONFLICT_REFUSAL } from '../http/refusals';
import { expectedVersion, ParseVersionPipe, refuseNulls } from '../http/version';
import { ApplicationQueryDto, CreateApplicationDto, InformationRequestDto, ScreeningDto, StaffConflictDto, UpdateApplicationDto, UploadAttachmentDto } from './application.dto';

/** A PDF takes the worker a second or two once queued. */
const PDF_RETRY_AFTER_SECONDS = 5;
const PDF_NOT_READY = {
  preparing: 'The PDF of this version is being prepared: ask again shortly',
  retrying: 'The PDF of this version could not be prepared; it is being tried again. If it keeps failing, contact the program office',
} as const;

@ApiTags('Applications')
@ApiBearerAuth()
@Controller()
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationService,
    private readonly attachments: AttachmentService,
    private readonly submissions: SubmissionService,
    private readonly submissionPdfs: SubmissionPdfService,
    private readonly screenings: ScreeningService,
    private readonly staffConflicts: StaffConflictService,
    private readonly reviews: ReviewService,
    private readonly config: AppConfig,
  ) {}

  @Post('calls/:callId/applications')
  @ApiCreatedResponse({ description: 'The organization’s draft; 409 DRAFT_EXISTS names the one it has' })
  create(@CurrentActor() actor: Actor, @Param('callId', ParseUUIDPipe) callId: string, @Body() body: CreateApplicationDto): Promise<Application> {
    return this.applications.createDraft(actor, callId, body.organizationId);
  }

  @Get('applications')
  list(@CurrentActor() actor: Actor, @Query() query: ApplicationQueryDto): Promise<Page<ApplicationSummary>> {
    return this.applications.list(actor, query);
  }

  // Before applications/:id, which would take "totals" for an id.
  @Get('applications/totals')
  @ApiOkResponse({ description: '{total, before}: how many applications the list shows with these filters, and how many come before the cursor’s page' })
  totals(@CurrentActor() actor: Actor, @Query() query: ApplicationQueryDto): Promise<ApplicationTotals> {
    return this.applications.totals(actor, query);
  }

  @Get('applications/:id')
  @ApiForbiddenResponse({ description: 'CONFLICT_DECLARATION_REQUIRED: an assigned reviewer must declare first' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<Application> {
    return this.reviews.readApplication(actor, id);
  }

  @Patch('applications/:id')
  @ApiUnprocessableEntityResponse({ description: 'APPLICATION_SUBMITTED' })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateApplicationDto, @Headers('if-match') ifMatch?: string): Promise<Application> {
    refuseNulls(body, ['title', 'summary', 'answers', 'budget']);
    const { version, ...changes } = body;
    return this.applications.updateDraft(actor, id, expectedVersion(ifMatch, version), changes);
  }

  @Delete('applications/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiForbiddenResponse({ description: 'Only an owner of the organization deletes its draft' })
  @ApiConflictResponse({ description: 'NOT_A_DRAFT: a submitted application is withdrawn instead' })
  async deleteDraft(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.applications.deleteDraft(actor, id);
  }

  @Post('applications/:id/attachments')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['key', 'file'], properties: { key: { type: 'string' }, file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({
    description: 'PDF, DOCX, XLSX, PNG or JPEG, recognised from its bytes; 25 MiB at most (413), other types 415. The `key` field comes before `file`; the file is read only once the upload is allowed, and streamed to storage',
  })
  async upload(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @UploadedStream() file: MultipartFile): Promise<AttachmentView> {
    return this.attachments.upload(actor, id, file.attachment(UploadAttachmentDto));
  }

  @Get('applications/:id/attachments/:attachmentId')
  @ApiOkResponse({ description: 'The file as uploaded' })
  async download(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
    @Res() response: Response,
  ): Promise<void> {
    const { attachment, content } = await this.attachments.download(actor, id, attachmentId);
    response.attachment(attachment.filename);
    response.type(attachment.contentType);
    response.setHeader('Content-Length', String(content.length));
    response.end(content);
  }

  @Delete('applications/:id/attachments/:attachmentId')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('attachmentId', ParseUUIDPipe) attachmentId: string): Promise<void> {
    await this.attachments.remove(actor, id, attachmentId);
  }

  @Post('applications/:id/submit')
  @HttpCode(HttpStatus.OK)
  @ApiUnprocessableEntityResponse({ description: 'DEADLINE_PASSED, CALL_NOT_OPEN, MISSING_ANSWERS, MISSING_ATTACHMENTS, INELIGIBLE or REQUEST_OUT_OF_RANGE' })
  submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<Submission> {
    return this.submissions.submit(actor, id);
  }

  @Get('applications/:id/screenings')
  @Roles('officer')
  @ApiOkResponse({ description: 'Every screening step and request for information, oldest first, with the officer who took it; officers only' })
  screeningHistory(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ScreeningRecord[]> {
    return this.screenings.history(actor, id);
  }

  @Post('applications/:id/screening')
  @Roles('officer')
  @HttpCode(HttpStatus.OK)
  @ApiForbiddenResponse({ description: STAFF_CONFLICT_REFUSAL })
  @ApiConflictResponse({ description: 'NOT_AWAITING_SCREENING: only a submitted application is screened' })
  screen(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ScreeningDto): Promise<Screening> {
    return this.screenings.screen(actor, id, body.outcome, body.reason);
  }

  @Post('applications/:id/information-requests')
  @Roles('officer')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'The application returns to its organization (status information_requested) until respondBy' })
  @ApiForbiddenResponse({ description: STAFF_CONFLICT_REFUSAL })
  requestInformation(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: InformationRequestDto): Promise<Screening> {
    return this.screenings.requestInformation(actor, id, body.message, body.respondBy);
  }

  @Get('applications/:id/staff-conflicts')
  @Roles('officer')
  @ApiOkResponse({ description: 'The conflicts of interest staff declared with the application’s organization (on any of its applications), oldest first; officers only' })
  staffConflictsOf(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StaffConflictView[]> {
    return this.staffConflicts.conflictsOf(actor, id);
  }

  @Post('applications/:id/staff-conflicts')
  @Roles('officer')
  @ApiCreatedResponse({ description: 'You declared a conflict of interest: you can no longer screen, assign, decide, pay or review the reports of any application of this organization' })
  @ApiConflictResponse({ description: 'ALREADY_DECLARED: a conflict of yours already covers this organization' })
  declareStaffConflict(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: StaffConflictDto): Promise<StaffConflictView> {
    return this.staffConflicts.declare(actor, id, body.reason);
  }

  @Get('applications/:id/snapshots')
  @ApiOkResponse({ description: 'What was sent, every version (1 first), as frozen at each submission; a staff read is recorded' })
  snapshots(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<SnapshotView[]> {
    return this.applications.snapshots(actor, id);
  }

  @Get('applications/:id/snapshots/:version/pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'One version as sent, as a PDF in the organization’s language, for whoever may read what was sent' })
  @ApiAcceptedResponse({
    description:
      '{status, message, contact}: the PDF is being made in the background, ask again after Retry-After seconds. status "preparing", or "retrying" when making it failed and it is being tried again (if it keeps failing, contact the program office)',
  })
  @ApiNotFoundResponse({ description: 'No such version, or not an application the caller may read' })
  async snapshotPdf(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('version', ParseVersionPipe) version: number, @Res() response: Response): Promise<void> {
    const pdf = await this.submissionPdfs.download(actor, id, version);
    if (!pdf.ready) {
      response.status(HttpStatus.ACCEPTED).setHeader('Retry-After', String(PDF_RETRY_AFTER_SECONDS));
      response.json({ status: pdf.status, message: PDF_NOT_READY[pdf.status], contact: this.config.officeContact });
      return;
    }
    response.attachment(pdf.filename);
    response.type('application/pdf');
    response.setHeader('Content-Length', String(pdf.content.length));
    response.end(pdf.content);
  }

  @Post('applications/:id/withdraw')
  @HttpCode(HttpStatus.OK)
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<Application> {
    return this.applications.withdraw(actor, id);
  }
}
