import { ApplicationService } from '@grants/applications';
import { createApplicationInReview, createDraftApplication, createReviewer, serviceTestContext, ServiceTestContext } from '@grants/testing';
import { DataSource } from 'typeorm';

/**
 * The lists sort by the amount requested and the reviews' score, kept on the application by the
 * database: whoever writes the budget or the reviews (the services, or SQL as seeders and
 * benchmarks do), the lists follow.
 */
describe('the amount requested and the reviews’ score, kept for the lists', () => {
  let services: ServiceTestContext;
  let db: DataSource;

  beforeAll(async () => {
    services = await serviceTestContext();
    db = services.get(DataSource);
  });
  afterAll(async () => {
    await services.close();
  });

  async function keys(...ids: string[]): Promise<Array<{ requested: number; score: number | null }>> {
    const rows = (await db.query(`SELECT id, requested_cents, review_score::float AS review_score FROM application WHERE id = ANY($1)`, [ids])) as Array<{ id: string; requested_cents: string; review_score: number | null }>;
    return ids.map((id) => {
      const row = rows.find((candidate) => candidate.id === id)!;
      return { requested: Number(row.requested_cents), score: row.review_score };
    });
  }

  it('follows each save of a draft’s budget, and budget lines written in SQL', async () => {
    const first = await createDraftApplication(services, { requestedCents: 7_250_050 });
    const second = await createDraftApplication(services, { call: first, requestedCents: 2_000_000 });
    const applications = services.get(ApplicationService);
    const listed = async (id: string) => (await applications.list(first.owner, { callId: first.call.id, limit: 20 })).items.find((item) => item.id === id)?.requestedCents;
    expect(await listed(first.application.id)).toBe(7_250_050);

    const line = first.application.budget[0]!;
    let saved = await applications.updateDraft(first.owner, first.application.id, first.application.version, { budget: [line, { ...line, amountCents: 1_000_000 }] });
    expect(await keys(first.application.id)).toEqual([{ requested: 8_250_050, score: null }]);
    saved = await applications.updateDraft(first.owner, first.application.id, saved.version, { budget: [] });
    expect(await listed(first.application.id)).toBe(0);

    // One statement over two applications, then an amount changed and a line removed.
    await db.query(
      `INSERT INTO application_budget_line (application_id, position, fiscal_year, category, description, amount_cents)
       VALUES ($1, 0, $3, 'personnel', 'Navigator', 500000), ($1, 1, $3, 'training', 'Training', 250000), ($2, 5, $3, 'training', 'Training', 100)`,
      [first.application.id, second.application.id, line.fiscalYear],
    );
    expect(await keys(first.application.id, second.application.id)).toEqual([
      { requested: 750_000, score: null },
      { requested: 2_000_100, score: null },
    ]);
    await db.query(`UPDATE application_budget_line SET amount_cents = amount_cents * 2 WHERE application_id = ANY($1)`, [[first.application.id, second.application.id]]);
    await db.query(`DELETE FROM application_budget_line WHERE application_id = $1 AND position = 0`, [first.application.id]);
    expect(await keys(first.application.id, second.application.id)).toEqual([
      { requested: 500_000, score: null },
      { requested: 4_000_200, score: null },
    ]);

    // Deleting a draft takes its lines with it (ON DELETE CASCADE): nothing is left to keep.
    await applications.deleteDraft(second.owner, second.application.id);
    expect(await db.query(`SELECT 1 FROM application WHERE id = $1`, [second.application.id])).toEqual([]);
  });

  it('is the mean of the submitted reviews only, null without one, whoever writes them', async () => {
    const reviewers = [await createReviewer(services), await createReviewer(services)];
    const { application, assignments } = await createApplicationInReview(services, { reviewers });
    expect(await keys(application.id)).toEqual([{ requested: application.requestedCents, score: null }]);

    const submit = (id: string, score: number) =>
      db.query(`UPDATE review_assignment SET status = 'submitted', conflict_declared = false, weighted_score = $2, submitted_at = now() WHERE id = $1`, [id, score]);
    // Draft scores saved are not a review yet.
    await db.query(`UPDATE review_assignment SET scores = '[{"criterionKey": "need", "score": 3, "comment": ""}]' WHERE id = $1`, [assignments[0]!.id]);
    expect((await keys(application.id))[0]!.score).toBeNull();
    await submit(assignments[0]!.id, 70.5);
    expect((await keys(application.id))[0]!.score).toBe(70.5);
    await submit(assignments[1]!.id, 80.25);
    // (70.5 + 80.25) / 2, to the hundredth.
    expect((await keys(application.id))[0]!.score).toBe(75.38);
    await db.query(`UPDATE review_assignment SET status = 'removed', weighted_score = NULL, submitted_at = NULL WHERE id = $1`, [assignments[0]!.id]);
    expect((await keys(application.id))[0]!.score).toBe(80.25);
    await db.query(`UPDATE review_assignment SET status = 'removed', weighted_score = NULL, submitted_at = NULL WHERE id = $1`, [assignments[1]!.id]);
    expect((await keys(application.id))[0]!.score).toBeNull();
  });
});
