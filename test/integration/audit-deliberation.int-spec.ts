import { DataSource } from 'typeorm';
import { migrationDataSource } from '@grants/core';
import { migrations } from '../../migrations';
import { AuditDeliberation1795467600000 } from '../../migrations/1795467600000-AuditDeliberation';
import { createIsolatedDatabase } from '../support/databases';

const DECISION = {
  outcome: 'approved',
  approvedCents: 8_500_000,
  conditions: 'Quarterly check-ins with the program office.',
  rationale: 'Strongest plan in the north; the board discussed the waiting list.',
  overrideReason: 'Regional balance',
  feedback: null,
  aboveFundingLine: false,
};

/** A database migrated up to (not including) the migration that moves deliberations out of the trail. */
function databaseBeforeTheMove(): Promise<string> {
  return createIsolatedDatabase('audit_deliberation', migrations.slice(0, migrations.indexOf(AuditDeliberation1795467600000)));
}

describe('moving the words of deliberations out of the audit trail (migration 1795467600000)', () => {
  let url: string;
  let db: DataSource;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    url = await databaseBeforeTheMove();
    // Up to this migration only, so that undoing the last one undoes it.
    const upToTheMove = migrations.slice(0, migrations.indexOf(AuditDeliberation1795467600000) + 1);
    db = await migrationDataSource(url, upToTheMove).initialize();
    const record = async (key: string, action: string, details: Record<string, unknown>) => {
      const [row] = (await db.query(`INSERT INTO audit_event (action, entity_type, entity_id, actor_role, details) VALUES ($1, 'application', 'app-1', 'officer', $2) RETURNING id`, [action, details])) as Array<{ id: string }>;
      ids[key] = row!.id;
    };
    await record('decided', 'application.decided', DECISION);
    await record('screened', 'application.screened', { outcome: 'eligible', reason: 'Complete and eligible' });
    // Older requests for information kept their text as \`message\`, later ones as \`reason\`.
    await record('asked', 'application.information_requested', { message: 'Send the signed board resolution.', dueAt: '2026-03-01' });
    await record('asked again', 'application.information_requested', { reason: 'The budget is missing its second year.' });
    await record('returned', 'report.returned', { reportId: 'r-1', kind: 'interim', period: '2027-28', comment: 'Add the spending by category.' });
    await record('recorded', 'payment.recorded', { paymentId: 'p-1', amountCents: 5_000_000, paymentReference: 'EFT-1' });
    await db.runMigrations();
  });
  afterAll(() => db?.destroy());

  const details = async (key: string) => ((await db.query(`SELECT details FROM audit_event WHERE id = $1`, [ids[key]])) as Array<{ details: Record<string, unknown> }>)[0]!.details;
  const texts = async (key: string) => ((await db.query(`SELECT texts FROM audit_event_deliberation WHERE event_id = $1`, [ids[key]])) as Array<{ texts: Record<string, string> }>)[0]?.texts;

  it('moves each old event’s rationale, conditions, reasons and comments beside it, word for word, and leaves what changed', async () => {
    expect(await texts('decided')).toEqual({ rationale: DECISION.rationale, conditions: DECISION.conditions, overrideReason: DECISION.overrideReason, feedback: null });
    expect(await details('decided')).toEqual({ outcome: 'approved', approvedCents: 8_500_000, aboveFundingLine: false, hasConditions: true, overridden: true, hasFeedback: false });
    expect(await texts('screened')).toEqual({ reason: 'Complete and eligible' });
    expect(await details('screened')).toEqual({ outcome: 'eligible' });
    expect(await texts('asked')).toEqual({ message: 'Send the signed board resolution.' });
    expect(await details('asked')).toEqual({ dueAt: '2026-03-01' });
    expect(await texts('asked again')).toEqual({ reason: 'The budget is missing its second year.' });
    expect(await details('asked again')).toEqual({});
    expect(await texts('returned')).toEqual({ comment: 'Add the spending by category.' });
    expect(await details('returned')).toEqual({ reportId: 'r-1', kind: 'interim', period: '2027-28', hasComment: true });
    // Not a deliberation: a payment's reference in the finance system stays in its event.
    expect(await details('recorded')).toEqual({ paymentId: 'p-1', amountCents: 5_000_000, paymentReference: 'EFT-1' });
    expect(await texts('recorded')).toBeUndefined();
  });

  it('leaves both tables append-only afterwards', async () => {
    await expect(db.query(`UPDATE audit_event SET details = '{}' WHERE id = $1`, [ids.decided])).rejects.toThrow(/append-only/);
    await expect(db.query(`UPDATE audit_event_deliberation SET texts = '{"rationale": "rewritten"}' WHERE event_id = $1`, [ids.decided])).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_event_deliberation WHERE event_id = $1`, [ids.decided])).rejects.toThrow(/append-only/);
  });

  it('puts the words back into the events when undone', async () => {
    await db.undoLastMigration({ transaction: 'each' });
    try {
      expect(await details('decided')).toEqual(DECISION);
      expect(await details('returned')).toEqual({ reportId: 'r-1', kind: 'interim', period: '2027-28', comment: 'Add the spending by category.' });
      expect(await details('asked')).toEqual({ message: 'Send the signed board resolution.', dueAt: '2026-03-01' });
      await expect(db.query(`UPDATE audit_event SET details = '{}' WHERE id = $1`, [ids.decided])).rejects.toThrow(/append-only/);
    } finally {
      await db.runMigrations();
    }
  });
});
