import { AuditService } from '@grants/audit';
import { ConflictError } from '@grants/core';
import { AgreementSchedules } from '@grants/documents';
import { Actor } from '@grants/identity';
import { EntityManager } from 'typeorm';
import { AwardEntity, AwardPaymentEntity, AwardReportEntity } from '../award.entity';
import { splitHoldback } from '../rules/payment-ledger';

/**
 * Brings an award's unpaid payments in line with the schedule E in force: amounts, dates and the
 * holdback. A payment whose amount changes while it waits for approval goes back to `scheduled`:
 * an approval is given for an amount, and a new amount needs a new one.
 */
export async function syncPaymentsWithSchedule(manager: EntityManager, audit: AuditService, actor: Actor, award: AwardEntity, e: AgreementSchedules['e']): Promise<void> {
  const rows = await manager.find(AwardPaymentEntity, { where: { awardId: award.id }, lock: { mode: 'pessimistic_write' } });
  const finalReport = await manager.findOneBy(AwardReportEntity, { awardId: award.id, kind: 'final' });
  for (const part of splitHoldback(e.instalments, e.holdbackPercent)) {
    const instalment = e.instalments.find((candidate) => candidate.position === (part.holdback ? part.position - 1 : part.position))!;
    const row = rows.find((candidate) => candidate.position === part.position);
    if (!row) {
      if (part.amountCents > 0 && part.holdback) {
        await manager.save(
          manager.create(AwardPaymentEntity, {
            awardId: award.id,
            position: part.position,
            fiscalYear: part.fiscalYear,
            amountCents: part.amountCents,
            dueOn: instalment.dueOn,
            status: 'scheduled',
            holdback: true,
            offsetCents: 0,
            dependsOnReportId: finalReport?.id ?? null,
          }),
        );
      }
      continue;
    }
    if (row.status === 'paid') continue;
    // Checked when the amendment was proposed; an offset made since, while it waited for signatures, stops it here.
    if (part.amountCents < row.offsetCents) {
      throw new ConflictError('INSTALMENT_BELOW_OFFSET', `Payment ${row.position + 1} cannot be less than the ${row.offsetCents} cents kept from it against a recovery since this amendment was proposed: propose another amendment`);
    }
    if (part.amountCents === 0) {
      // The holdback took all of its instalment: the instalment has nothing left of its own to pay.
      if (row.status !== 'scheduled') throw new ConflictError('PAYMENT_IN_APPROVAL', `Payment ${row.position + 1} is ${row.status}: it cannot be taken wholly into the holdback`);
      await manager.remove(row);
      continue;
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
    Object.assign(row, { fiscalYear: part.fiscalYear, dueOn: instalment.dueOn, amountCents: part.amountCents });
    await manager.save(row);
  }
}
