import { FundCode } from '@grants/calls';
import { EntityManager } from 'typeorm';
import { PaymentStatus } from '../award.entity';
import { RequestCondition, unmetRequestConditions } from '../rules/payment-approval';

/** Who did a step of a payment, and when. `by` is null for the organization's members: they see that and when, not which member of staff. */
export interface PaymentStep {
  by: { id: string; name: string } | null;
  at: Date;
}

export interface PaymentView {
  id: string;
  position: number;
  fiscalYear: string;
  /** What is (or was) paid: the planned amount less what was kept against a recovery. */
  amountCents: number;
  plannedCents: number;
  offsetCents: number;
  /** The part of the last instalment kept until the final report is accepted. */
  holdback: boolean;
  dueOn: string;
  status: PaymentStatus;
  /** The report whose acceptance lets this payment be requested; null: the agreement's execution does. */
  dependsOnReportId: string | null;
  /** What a scheduled payment waits for before it can be requested, the first to fix first; empty when it can be. */
  waitingFor: RequestCondition[];
  requested: PaymentStep | null;
  approvalsNeeded: 1 | 2 | null;
  approvals: PaymentStep[];
  paid: PaymentStep | null;
  paidAt: Date | null;
  paymentReference: string | null;
}

/** A payment in a staff queue: with its award and organization, and what the reader may do with it. */
export interface QueuedPayment extends PaymentView {
  award: { id: string; referenceNumber: string | null; organizationId: string; organizationName: string; fundCode: FundCode; callId: string };
  /** Its award is on hold: it can be neither requested nor approved. */
  onHold: boolean;
  /** An officer may ask for it now. */
  canRequest: boolean;
  /** The reader has the approver role, did not request it and has not approved it yet. */
  canApprove: boolean;
}

export interface PaymentRow {
  id: string;
  award_id: string;
  position: number;
  fiscal_year: string;
  amount_cents: string;
  offset_cents: string;
  holdback: boolean;
  due_on: string;
  status: PaymentStatus;
  depends_on_report_id: string | null;
  requested_by: string | null;
  requested_by_name: string | null;
  requested_at: Date | null;
  approvals_needed: 1 | 2 | null;
  first_approved_by: string | null;
  first_approved_by_name: string | null;
  first_approved_at: Date | null;
  second_approved_by: string | null;
  second_approved_by_name: string | null;
  second_approved_at: Date | null;
  paid_by: string | null;
  paid_by_name: string | null;
  paid_at: Date | null;
  payment_reference: string | null;
  on_hold: boolean;
  agreement_executed: boolean;
  report_accepted: boolean | null;
  reference_number: string | null;
  organization_id: string;
  organization_name: string;
  fund_code: FundCode;
  call_id: string;
}

/**
 * Every payment with the facts its request depends on (a hold, the agreement in force, the report
 * it waits for) and the names of the staff who acted on it. `WHERE`, order and limit are the caller's.
 */
export const PAYMENT_ROWS_SQL = `
  SELECT p.id, p.award_id, p.position, p.fiscal_year, p.amount_cents::text AS amount_cents, p.offset_cents::text AS offset_cents,
         p.holdback, to_char(p.due_on, 'YYYY-MM-DD') AS due_on, p.status, p.depends_on_report_id,
         p.requested_by, requester.name AS requested_by_name, p.requested_at, p.approvals_needed,
         p.first_approved_by, first_approver.name AS first_approved_by_name, p.first_approved_at,
         p.second_approved_by, second_approver.name AS second_approved_by_name, p.second_approved_at,
         p.paid_by, recorder.name AS paid_by_name, p.paid_at, p.payment_reference,
         EXISTS (SELECT 1 FROM award_hold h WHERE h.award_id = p.award_id AND h.lifted_at IS NULL) AS on_hold,
         EXISTS (SELECT 1 FROM agreement_version v WHERE v.award_id = p.award_id AND v.status = 'executed') AS agreement_executed,
         report.status = 'accepted' AS report_accepted,
         application.reference_number, award.organization_id, organization.legal_name AS organization_name, fund.code AS fund_code, award.call_id
    FROM award_payment p
    JOIN award ON award.id = p.award_id
    JOIN application ON application.id = award.application_id
    JOIN organization ON organization.id = award.organization_id
    JOIN call ON call.id = award.call_id
    JOIN fund ON fund.id = call.fund_id
    LEFT JOIN award_report report ON report.id = p.depends_on_report_id
    LEFT JOIN user_account requester ON requester.id = p.requested_by
    LEFT JOIN user_account first_approver ON first_approver.id = p.first_approved_by
    LEFT JOIN user_account second_approver ON second_approver.id = p.second_approved_by
    LEFT JOIN user_account recorder ON recorder.id = p.paid_by`;

/** The same facts as a condition, for queues of payments that can be requested now (kept beside `waitingFor`, which names them). */
export const REQUESTABLE_SQL = `(p.status = 'scheduled' AND p.amount_cents > p.offset_cents
   AND NOT EXISTS (SELECT 1 FROM award_hold h WHERE h.award_id = p.award_id AND h.lifted_at IS NULL)
   AND EXISTS (SELECT 1 FROM agreement_version v WHERE v.award_id = p.award_id AND v.status = 'executed')
   AND (p.depends_on_report_id IS NULL OR EXISTS (SELECT 1 FROM award_report r WHERE r.id = p.depends_on_report_id AND r.status = 'accepted')))`;

export function waitingFor(row: Pick<PaymentRow, 'status' | 'on_hold' | 'agreement_executed' | 'holdback' | 'depends_on_report_id' | 'report_accepted'>): RequestCondition[] {
  if (row.status !== 'scheduled') return [];
  return unmetRequestConditions({
    onHold: row.on_hold,
    agreementExecuted: row.agreement_executed,
    kind: row.holdback ? 'holdback' : row.depends_on_report_id ? 'later' : 'first',
    priorReportAccepted: row.report_accepted === true,
    finalReportAccepted: row.report_accepted === true,
  });
}

export function toPaymentView(row: PaymentRow, showStaff: boolean): PaymentView {
  const step = (id: string | null, name: string | null, at: Date | null): PaymentStep | null => (id && at ? { by: showStaff ? { id, name: name ?? '' } : null, at } : null);
  const plannedCents = Number(row.amount_cents);
  const offsetCents = Number(row.offset_cents);
  return {
    id: row.id,
    position: row.position,
    fiscalYear: row.fiscal_year,
    amountCents: plannedCents - offsetCents,
    plannedCents,
    offsetCents,
    holdback: row.holdback,
    dueOn: row.due_on,
    status: row.status,
    dependsOnReportId: row.depends_on_report_id,
    waitingFor: waitingFor(row),
    requested: step(row.requested_by, row.requested_by_name, row.requested_at),
    approvalsNeeded: row.approvals_needed,
    approvals: [step(row.first_approved_by, row.first_approved_by_name, row.first_approved_at), step(row.second_approved_by, row.second_approved_by_name, row.second_approved_at)].filter(
      (approval): approval is PaymentStep => approval !== null,
    ),
    paid: step(row.paid_by, row.paid_by_name, row.paid_at),
    paidAt: row.paid_at,
    paymentReference: row.payment_reference,
  };
}

export async function paymentRowsOf(manager: EntityManager, awardId: string): Promise<PaymentRow[]> {
  return (await manager.query(`${PAYMENT_ROWS_SQL} WHERE p.award_id = $1 ORDER BY p.position`, [awardId])) as PaymentRow[];
}

export async function paymentRow(manager: EntityManager, paymentId: string): Promise<PaymentRow | undefined> {
  const [row] = (await manager.query(`${PAYMENT_ROWS_SQL} WHERE p.id = $1`, [paymentId])) as PaymentRow[];
  return row;
}
