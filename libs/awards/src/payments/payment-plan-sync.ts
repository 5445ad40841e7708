import { AuditService } from '@grants/audit';
import { ConflictError } from '@grants/core';
import { AgreementSchedules } from '@grants/documents';
import { Actor } from '@grants/identity';
import { EntityManager } from 'typeorm';
import { AwardEntity, AwardPaymentEntity, AwardReportEntity } from '../award.entity';
import { PlannedPart, splitHoldback } from '../rules/payment-ledger';

/**
 * Brings an award's unpaid payments in line with the schedule E in force: amounts, dates and the
 * holdback. A payment whose amount changes while it waits for approval goes back to `scheduled`:
 * an approval is given for an amount, and a new amount needs a new one. A paid payment never
 * changes: an amendment that would change one (paid while the amendment waited for signatures) is
 * refused, so the payments keep adding up to the agreement's total.
 */
export async function syncPaymentsWithSchedule(manager: EntityManager, audit: AuditService, actor: Actor, award: AwardEntity, e: AgreementSchedules['e']): Promise<void> {
  const rows = await manager.find(AwardPaymentEntity, { where: { awardId: award.id }, lock: { mode: 'pessimistic_write' } });
  const reports = await manager.find(AwardReportEntity, { where: { awardId: award.id } });
  const last = e.instalments.at(-1);
  // An award whose last instalment was paid whole before holdbacks existed keeps no holdback.
  const paidWhole = last !== undefined && !rows.some((row) => row.holdback) && rows.find((row) => row.position === last.position)?.status === 'paid';
  for (const part of splitHoldback(e.instalments, paidWhole ? 0 : e.holdbackPercent)) {
    const index = e.instalments.findIndex((candidate) => candidate.position === (part.holdback ? part.position - 1 : part.position));
    const instalment = e.instalments[index]!;
    const row = rows.find((candidate) => candidate.position === part.position);
    if (!row) {
      if (part.amountCents === 0) continue;
      // The holdback waits for the final report; an instalment after the first for the interim report of the year before it.
      const dependsOn = part.holdback
        ? reports.find((report) => report.kind === 'final')
        : index === 0
          ? undefined
          : reports.find((report) => report.kind === 'interim' && report.period === e.instalments[index - 1]!.fiscalYear);
      await manager.save(scheduledPayment(manager, award.id, part, instalment.dueOn, dependsOn?.id ?? null));
      continue;
    }
    if (row.status === 'paid') {
      if (row.amountCents !== part.amountCents || row.fiscalYear !== part.fiscalYear) {
        throw new ConflictError('PAID_INSTALMENT_CHANGED', `Payment ${row.position + 1} was paid while this amendment waited for signatures: it cannot change any more; propose another amendment`);
      }
      continue;
    }
    // Checked when the amendment was proposed, and offsets wait while an amendment is pending (RecoveryService).
    if (part.amountCents < row.offsetCents) {
      throw new ConflictError('INSTALMENT_BELOW_OFFSET', `Payment ${row.position + 1} cannot be less than the ${row.offsetCents} cents kept from it against a recovery: propose another amendment`);
    }
    const amountChanged = row.amountCents !== part.amountCents;
    if (amountChanged && row.status !== 'scheduled') {
      await audit.record(manager, {
        actor: { id: actor.userId, role: 'approver' },
        action: 'payment.approval_voided',
        entityType: 'award',
        entityId: award.id,
        fromState: row.status,
        toState: 'scheduled',
        details: { paymentId: row.id, fromCents: row.amountCents, toCents: part.amountCents, because: 'agreement amended' },
      });
      Object.assign(row, { status: 'scheduled', requestedBy: null, requestedAt: null, approvalsNeeded: null, firstApprovedBy: null, firstApprovedAt: null, secondApprovedBy: null, secondApprovedAt: null });
    }
    if (part.amountCents === 0) {
      // The holdback took all of its instalment: the instalment has nothing of its own left to pay.
      await manager.remove(row);
      continue;
    }
    Object.assign(row, { fiscalYear: part.fiscalYear, dueOn: instalment.dueOn, amountCents: part.amountCents });
    await manager.save(row);
  }
}

/** A part of the payment plan (an instalment, or the holdback) as the payment not requested yet. */
export function scheduledPayment(manager: EntityManager, awardId: string, part: PlannedPart, dueOn: string, dependsOnReportId: string | null): AwardPaymentEntity {
  return manager.create(AwardPaymentEntity, {
    awardId,
    position: part.position,
    fiscalYear: part.fiscalYear,
    amountCents: part.amountCents,
    dueOn,
    status: 'scheduled',
    holdback: part.holdback,
    offsetCents: 0,
    dependsOnReportId,
  });
}
