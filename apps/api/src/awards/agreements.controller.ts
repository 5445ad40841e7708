import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Agreement, AgreementListing, AgreementService } from '@grants/awards';
import { Page } from '@grants/core';
import { Actor } from '@grants/identity';
import { Response } from 'express';
import { CurrentActor, Roles } from '../http/auth/auth.decorators';
import { STAFF_CONFLICT_REFUSAL } from '../http/refusals';
import { AgreementPdfQueryDto, AgreementQueryDto, CountersignAgreementDto, ProposeAmendmentDto, SignAgreementDto } from './agreement.dto';

@ApiTags('Agreements')
@ApiBearerAuth()
@Controller()
export class AgreementsController {
  constructor(private readonly agreements: AgreementService) {}

  @Get('agreements')
  @Roles('officer', 'approver')
  @ApiOkResponse({ description: 'Versions in a status (awaiting the Province’s counter-signature by default), waiting longest first, with whether the caller may counter-sign each' })
  list(@CurrentActor() actor: Actor, @Query() query: AgreementQueryDto): Promise<Page<AgreementListing>> {
    return this.agreements.list(actor, { status: query.status ?? 'awaiting_province', limit: query.limit, cursor: query.cursor });
  }

  @Get('awards/:id/agreement')
  @ApiOkResponse({ description: 'The latest version with its schedules and signatures, every version, and what the caller may do. Members, officers and approvers.' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) awardId: string): Promise<Agreement> {
    return this.agreements.get(actor, awardId);
  }

  @Get('awards/:id/agreement/pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'A version’s PDF (the latest by default); its SHA-256 in the X-Content-SHA256 header' })
  @ApiConflictResponse({ description: 'AGREEMENT_NOT_READY: still being prepared' })
  async pdf(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) awardId: string, @Query() query: AgreementPdfQueryDto, @Res() response: Response): Promise<void> {
    const { filename, content, sha256 } = await this.agreements.pdf(actor, awardId, query.version);
    response.attachment(filename).type('application/pdf').setHeader('X-Content-SHA256', sha256);
    response.setHeader('Content-Length', String(content.length));
    response.end(content);
  }

  @Post('awards/:id/agreement/sign')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'Signed for the organization: `awaiting_province`' })
  @ApiForbiddenResponse({ description: 'NOT_SIGNING_AUTHORITY: not a member named as a contact with signing authority' })
  @ApiConflictResponse({ description: 'STALE_VERSION: another version waits for signatures; AGREEMENT_NOT_READY; AGREEMENT_ALREADY_SIGNED; AGREEMENT_PDF_CHANGED' })
  sign(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) awardId: string, @Body() body: SignAgreementDto): Promise<Agreement> {
    return this.agreements.sign(actor, awardId, body);
  }

  @Post('awards/:id/agreement/countersign')
  @Roles('approver')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'Counter-signed for the Province: `executed`, in force' })
  @ApiForbiddenResponse({ description: `SEPARATION_OF_DUTIES: the caller signed it for the organization; ${STAFF_CONFLICT_REFUSAL}` })
  @ApiConflictResponse({ description: 'AGREEMENT_NOT_SIGNED: the organization has not signed it yet; STALE_VERSION' })
  countersign(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) awardId: string, @Body() body: CountersignAgreementDto): Promise<Agreement> {
    return this.agreements.countersign(actor, awardId, body);
  }

  @Post('awards/:id/amendments')
  @Roles('officer')
  @ApiCreatedResponse({ description: 'The next version, `generating` until its PDF is ready (seconds), then `awaiting_recipient`; the version in force stays in force' })
  @ApiConflictResponse({ description: 'AMENDMENT_PENDING: a version still waits for signatures; AGREEMENT_NOT_EXECUTED' })
  @ApiUnprocessableEntityResponse({ description: 'NOTHING_TO_AMEND, BUDGET_TOTAL_CHANGED, PAYMENT_PLAN_TOTAL_CHANGED, PAYMENT_PLAN_LENGTH_CHANGED, PAID_INSTALMENT_CHANGED, END_BEFORE_START (details.problems lists them all)' })
  amend(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) awardId: string, @Body() body: ProposeAmendmentDto): Promise<Agreement> {
    return this.agreements.amend(actor, awardId, body);
  }
}
