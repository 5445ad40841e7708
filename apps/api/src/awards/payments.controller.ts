import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AwardHoldService, AwardHoldView, BulkApproval, PaymentService, QueuedPayment, RecoveryService, YearReconciliationView } from '@grants/awards';
import { Page } from '@grants/core';
import { Actor } from '@grants/identity';
import { Response } from 'express';
import { CurrentActor, Roles } from '../http/auth/auth.decorators';
import { streamDownload } from '../http/download';
import { STAFF_CONFLICT_REFUSAL } from '../http/refusals';
import { ApprovePaymentsDto, HoldAwardDto, PaymentQueryDto, RecordPaidDto, RecordRecoveryDto, RecordRepaymentDto } from './payment.dto';

@ApiTags('Payments')
@ApiBearerAuth()
@Controller()
export class PaymentsController {
  constructor(
    private readonly payments: PaymentService,
    private readonly holds: AwardHoldService,
    private readonly recoveries: RecoveryService,
  ) {}

  @Get('payments')
  @Roles('officer', 'approver')
  @ApiOkResponse({ description: 'Payments of accepted awards, soonest due first, with award, organization, who requested and approved, what each waits for, and whether the caller can request or approve it' })
  list(@CurrentActor() actor: Actor, @Query() query: PaymentQueryDto): Promise<Page<QueuedPayment>> {
    return this.payments.list(actor, query);
  }

  @Get('payments/finance.csv')
  @Roles('officer', 'approver')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The approved payments not yet recorded as paid, one row each, for the finance system. Amounts in integer cents' })
  async financeFile(@CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    const { filename, content } = await this.payments.financeFile(actor);
    response.attachment(filename);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    await streamDownload(response, content);
  }

  @Post('payments/approve')
  @Roles('approver')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: '{approved, refused: [{paymentId, code, message}]}: each payment approved on its own, one refusal leaves the others approved' })
  approveMany(@CurrentActor() actor: Actor, @Body() body: ApprovePaymentsDto): Promise<BulkApproval> {
    return this.payments.approveMany(actor, body.paymentIds);
  }

  @Post('payments/:id/request')
  @Roles('officer')
  @HttpCode(HttpStatus.OK)
  @ApiConflictResponse({ description: 'PAYMENT_NOT_SCHEDULED (already requested), NOTHING_TO_PAY (wholly offset)' })
  @ApiUnprocessableEntityResponse({ description: 'The first condition not met: AWARD_ON_HOLD, AGREEMENT_NOT_EXECUTED, FINAL_REPORT_NOT_ACCEPTED (holdback), PRIOR_REPORT_NOT_ACCEPTED; details.unmet lists them all' })
  @ApiForbiddenResponse({ description: STAFF_CONFLICT_REFUSAL })
  request(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<QueuedPayment> {
    return this.payments.request(actor, id);
  }

  @Post('payments/:id/approve')
  @Roles('approver')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: '`approved`, or still `requested` when a second approval is needed (above the fund’s threshold)' })
  @ApiForbiddenResponse({ description: 'SEPARATION_OF_DUTIES: the requester, or an approver approving twice; or a staff conflict' })
  @ApiConflictResponse({ description: 'PAYMENT_NOT_REQUESTED' })
  @ApiUnprocessableEntityResponse({ description: 'AWARD_ON_HOLD' })
  approve(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<QueuedPayment> {
    return this.payments.approve(actor, id);
  }

  @Post('payments/:id/paid')
  @Roles('officer')
  @HttpCode(HttpStatus.OK)
  @ApiConflictResponse({ description: 'PAYMENT_NOT_APPROVED' })
  @ApiForbiddenResponse({ description: STAFF_CONFLICT_REFUSAL })
  recordPaid(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RecordPaidDto): Promise<QueuedPayment> {
    return this.payments.recordPaid(actor, id, body.reference);
  }

  @Post('awards/:id/hold')
  @Roles('officer')
  @HttpCode(HttpStatus.OK)
  @ApiConflictResponse({ description: 'AWARD_ALREADY_ON_HOLD, AWARD_NOT_ACCEPTED' })
  @ApiForbiddenResponse({ description: STAFF_CONFLICT_REFUSAL })
  hold(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: HoldAwardDto): Promise<AwardHoldView> {
    return this.holds.place(actor, id, body.reason);
  }

  @Delete('awards/:id/hold')
  @Roles('officer')
  @ApiConflictResponse({ description: 'AWARD_NOT_ON_HOLD' })
  @ApiForbiddenResponse({ description: STAFF_CONFLICT_REFUSAL })
  lift(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AwardHoldView> {
    return this.holds.lift(actor, id);
  }

  @Get('awards/:id/reconciliation')
  @ApiOkResponse({ description: 'Per fiscal year: paid, eligible spending of the accepted reports, the surplus and its recoveries. Members, officers and approvers' })
  reconciliation(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<YearReconciliationView[]> {
    return this.recoveries.reconciliation(actor, id);
  }

  @Post('awards/:id/recoveries')
  @Roles('officer')
  @HttpCode(HttpStatus.CREATED)
  @ApiOkResponse({ description: 'The reconciliation, with the year’s surplus recorded as a recovery owed to the Crown' })
  @ApiUnprocessableEntityResponse({ description: 'REPORT_NOT_ACCEPTED (the year’s report first), NO_SURPLUS, NOT_A_YEAR_OF_THE_AWARD' })
  @ApiConflictResponse({ description: 'ALREADY_RECONCILED' })
  @ApiForbiddenResponse({ description: STAFF_CONFLICT_REFUSAL })
  recordRecovery(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RecordRecoveryDto): Promise<YearReconciliationView[]> {
    return this.recoveries.record(actor, id, body.fiscalYear);
  }

  @Post('recoveries/:id/offset')
  @Roles('officer')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'The reconciliation: what is owed kept from the next payments not yet requested (they shrink); settled once wholly kept' })
  @ApiConflictResponse({ description: 'NOTHING_TO_OFFSET (no payment left: record a repayment), RECOVERY_SETTLED' })
  offset(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<YearReconciliationView[]> {
    return this.recoveries.offset(actor, id);
  }

  @Post('recoveries/:id/repayment')
  @Roles('officer')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'The reconciliation: the rest of the recovery recorded as repaid' })
  @ApiConflictResponse({ description: 'RECOVERY_SETTLED' })
  repayment(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RecordRepaymentDto): Promise<YearReconciliationView[]> {
    return this.recoveries.repaid(actor, id, body.reference);
  }
}
