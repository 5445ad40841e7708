import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiPropertyOptional, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Call, CallPhase, CallService, CallTerms, Fund, FUND_CODES, FundCode, FundPaymentControls, FundSettingsService } from '@grants/calls';
import { Page } from '@grants/core';
import { Actor } from '@grants/identity';
import { IsIn, IsOptional } from 'class-validator';
import { CurrentActor, OptionalActor, Public, Roles } from '../http/auth/auth.decorators';
import { PageQueryDto } from '../http/page-query.dto';
import { expectedVersion, refuseNulls } from '../http/version';
import { CallTermsDto, CreateCallDto, UpdateCallDto } from './call.dto';
import { PaymentControlsDto } from './fund.dto';

const CALL_PHASES: CallPhase[] = ['draft', 'scheduled', 'open', 'closed'];

class CallQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CALL_PHASES }) @IsOptional() @IsIn(CALL_PHASES) status?: CallPhase;
  @ApiPropertyOptional({ enum: FUND_CODES }) @IsOptional() @IsIn(FUND_CODES) fund?: FundCode;
}

/** Only the parts present in the body: a PATCH changes nothing else. */
function termsFrom(dto: CallTermsDto): Partial<CallTerms> {
  const terms: Partial<CallTerms> = {};
  for (const [key, value] of Object.entries(dto) as Array<[keyof CallTerms, unknown]>) {
    if (value !== undefined) (terms as Record<string, unknown>)[key] = value;
  }
  if (dto.eligibility) terms.eligibility = { ...dto.eligibility, regions: dto.eligibility.regions ?? null };
  if (dto.requiredAttachments === null) terms.requiredAttachments = [];
  return terms;
}

@ApiTags('Funds and calls')
@Controller()
export class CallsController {
  constructor(
    private readonly calls: CallService,
    private readonly fundSettings: FundSettingsService,
  ) {}

  @Get('funds')
  @Public()
  funds(): Promise<Fund[]> {
    return this.calls.funds();
  }

  @Get('funds/payment-controls')
  @Roles('admin', 'officer', 'approver')
  @ApiBearerAuth()
  @ApiOkResponse({ description: 'Each fund with the amount above which a payment needs a second approval' })
  paymentControls(@CurrentActor() actor: Actor): Promise<FundPaymentControls[]> {
    return this.fundSettings.paymentControls(actor);
  }

  @Patch('funds/:id/payment-controls')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOkResponse({ description: 'The fund’s controls as changed: payments requested from now on follow them; a payment already requested keeps the approvals it needed then' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED, naming secondApprovalThresholdCents when it is not whole cents from 100 to 10000000000' })
  @ApiForbiddenResponse({ description: 'Administrators only' })
  @ApiNotFoundResponse({ description: 'No such fund' })
  setPaymentControls(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: PaymentControlsDto): Promise<FundPaymentControls> {
    return this.fundSettings.setSecondApprovalThreshold(actor, id, body.secondApprovalThresholdCents);
  }

  @Get('calls')
  @Public()
  @ApiOkResponse({ description: 'Open, scheduled and closed calls for everyone; drafts too for officers' })
  list(@OptionalActor() actor: Actor | null, @Query() query: CallQueryDto): Promise<Page<Call>> {
    return this.calls.list(actor, query);
  }

  @Get('calls/:id')
  @Public()
  get(@OptionalActor() actor: Actor | null, @Param('id', ParseUUIDPipe) id: string): Promise<Call> {
    return this.calls.get(actor, id);
  }

  @Post('calls')
  @Roles('officer')
  @ApiBearerAuth()
  @ApiCreatedResponse({ description: 'A draft; parts may be missing until it is published' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateCallDto): Promise<Call> {
    const { fundId, ...terms } = body;
    // A new call has no value to clear: these have defaults, and null is not one.
    refuseNulls(terms, ['disagreementThreshold', 'holdbackPercent', 'outcomeMeasures']);
    return this.calls.create(actor, fundId, termsFrom(terms));
  }

  @Patch('calls/:id')
  @Roles('officer')
  @ApiBearerAuth()
  @ApiConflictResponse({ description: 'STALE_VERSION, or CALL_NOT_DRAFT once published' })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateCallDto, @Headers('if-match') ifMatch?: string): Promise<Call> {
    const { version, ...terms } = body;
    // These always have a value; leaving one out keeps it, null would clear it.
    refuseNulls(terms, ['disagreementThreshold', 'holdbackPercent', 'outcomeMeasures']);
    return this.calls.update(actor, id, expectedVersion(ifMatch, version), termsFrom(terms));
  }

  @Post('calls/:id/publish')
  @Roles('officer')
  @ApiBearerAuth()
  @HttpCode(HttpStatus.OK)
  @ApiUnprocessableEntityResponse({ description: 'CALL_INCOMPLETE, listing every missing part in details.missing' })
  publish(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<Call> {
    return this.calls.publish(actor, id);
  }

  @Post('calls/:id/close')
  @Roles('officer')
  @ApiBearerAuth()
  @HttpCode(HttpStatus.OK)
  close(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<Call> {
    return this.calls.close(actor, id);
  }
}
