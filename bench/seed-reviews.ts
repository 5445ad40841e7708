import { PoolClient } from 'pg';

/**
 * The call `bench:ranking` reads: `count` organizations, each with one application in review
 * (CBSF-2026-00001 on), 2 or 3 budget lines of varied amounts, and three reviews by 30 reviewers
 * of different leniency, scored against the call's own rubric (read from its row). About one
 * application in twenty has only two of its three reviews submitted: the third is still assigned.
 * The call's envelope is then set to 40% of what the applications request, so that the funding
 * line falls within the list. All of it in a few set-wise statements, in one transaction.
 */
export interface SeededReviews {
  applications: number;
  /** Applications with all three reviews submitted. */
  fullyReviewed: number;
  /** Applications with two of three submitted: "awaiting reviews". */
  awaiting: number;
  reviews: number;
  requestedCents: number;
  budgetEnvelopeCents: number;
  /** The reference number prefix shared by ten applications, and an organization name fragment, for the lists' searches. */
  referencePrefix: string;
  nameFragment: string;
}

export const BENCH_REVIEWERS = 30;
/** Points (of 100) each reviewer adds to or takes from what an application deserves: some lenient, some severe. */
const LENIENCY = [-10, -5, 0, 0, 5, 10];
/** Application i has only two reviews submitted when i % AWAITING_EVERY = AWAITING_AT (1 in 20, 5%). */
const AWAITING_EVERY = 20;
const AWAITING_AT = 7;

const NAME_FIRST = ['Safe Harbour', 'Northern Lights', 'New Path', 'Maison Horizon', 'Bridges', 'Open Door', 'Circle of Care', 'Sunrise', 'Riverside', 'Lakeshore', 'Pathways', 'Beacon', 'Kindred', 'Haven', 'Compass', 'Cedar', 'Willow', 'Trillium', 'Aurora', 'Keystone'];
const NAME_SECOND = ['Outreach', 'Support Services', 'Community Centre', 'Housing Society', 'Family Services', 'Women’s Shelter', 'Youth Network', 'Legal Clinic', 'Counselling', 'Coalition', 'Resource Centre', 'Friendship Centre', 'Drop-In', 'Refuge', 'Alliance', 'Collective', 'Association', 'Foundation', 'Network', 'Partners'];
const CITIES: Array<[string, string]> = [
  ['Toronto', 'toronto'], ['Ottawa', 'east'], ['Hamilton', 'central'], ['London', 'west'], ['Windsor', 'west'], ['Sudbury', 'north'], ['Thunder Bay', 'north'], ['Kingston', 'east'], ['Barrie', 'central'], ['Timmins', 'north'],
  ['Kitchener', 'west'], ['Oshawa', 'central'], ['Peterborough', 'east'], ['Sault Ste. Marie', 'north'], ['North Bay', 'north'], ['Guelph', 'west'], ['Brampton', 'toronto'], ['Mississauga', 'toronto'], ['Cornwall', 'east'], ['Belleville', 'east'],
  ['Kenora', 'north'], ['Sarnia', 'west'], ['St. Catharines', 'central'], ['Niagara Falls', 'central'], ['Owen Sound', 'west'],
];
const TITLES = [
  'Transitional housing for survivors',
  'Survivor navigators',
  'Outreach along the highway corridor',
  'Drop-in evenings and peer support',
  'Trauma-informed counselling',
  'Employment pathways for survivors',
  'Legal supports and accompaniment',
  'Youth prevention workshops',
  'Emergency shelter beds',
  'Training for partner agencies',
  'Culturally grounded healing circles',
  'Mobile crisis response',
];
const LINES: Array<[string, string]> = [
  ['personnel', 'Survivor navigators'],
  ['program_delivery', 'Drop-in space and outreach'],
  ['participant_support', 'Transit, food and emergency needs'],
];
const FISCAL_YEARS = ['2027-28', '2028-29', '2029-30'];

/** A uniform number in [0, 1) from an SQL text expression: deterministic, so that each run seeds the same call. */
const uniform = (seed: string): string => `(('x' || substr(md5(${seed}), 1, 8))::bit(32)::bigint / 4294967296.0)`;

export async function seedReviews(client: PoolClient, callId: string, officerId: string, count: number): Promise<SeededReviews> {
  await client.query('BEGIN');
  try {
    const [call] = (await client.query(`SELECT rubric, opens_at, closes_at FROM call WHERE id = $1`, [callId])).rows as Array<{ rubric: { criteria: Array<{ key: string }> } | null }>;
    if (!call?.rubric?.criteria.length) throw new Error(`call ${callId} has no rubric to score against`);

    await client.query(
      `CREATE TEMP TABLE bench_seed ON COMMIT DROP AS
       SELECT i, gen_random_uuid() AS user_id, gen_random_uuid() AS organization_id, gen_random_uuid() AS application_id,
              30 + 60 * ${uniform(`i || ':quality'`)} AS quality,
              ${uniform(`i || ':submitted'`)} AS submitted_share
       FROM generate_series(1, $1::int) AS i`,
      [count],
    );
    await client.query(
      `INSERT INTO user_account (id, email, name, locale, roles, email_verified_at)
       SELECT user_id, 'owner-' || i || '@bench.example.org', 'Owner ' || i, CASE WHEN i % 4 = 0 THEN 'fr' ELSE 'en' END, '{applicant}', now() FROM bench_seed`,
    );
    await client.query(
      `INSERT INTO organization (id, legal_name, type, region, address_line1, address_city, address_postal_code, indigenous_led, preferred_language)
       SELECT organization_id,
              ($1::text[])[1 + i % 20] || ' ' || ($2::text[])[1 + (i / 20) % 20] || ' ' || ($3::text[])[1 + (i / 400) % $5::int],
              CASE WHEN i % 7 = 0 THEN 'charity' ELSE 'non_profit' END,
              ($4::text[])[1 + (i / 400) % $5::int], i || ' Main Street', ($3::text[])[1 + (i / 400) % $5::int], 'M5H 2N2', false,
              CASE WHEN i % 4 = 0 THEN 'fr' ELSE 'en' END
       FROM bench_seed`,
      [NAME_FIRST, NAME_SECOND, CITIES.map(([city]) => city), CITIES.map(([, region]) => region), CITIES.length],
    );
    await client.query(`INSERT INTO organization_member (organization_id, user_id, role) SELECT organization_id, user_id, 'owner' FROM bench_seed`);
    // Submitted over the call's open weeks, each draft begun a few days before.
    await client.query(
      `INSERT INTO application (id, call_id, organization_id, status, title, summary, answers, version, reference_number, submitted_at, created_by, created_at, updated_at)
       SELECT s.application_id, $1, s.organization_id, 'in_review', ($2::text[])[1 + s.i % $3::int] || ' in ' || o.address_city,
              'Services for survivors of human trafficking in ' || o.address_city || ', with partner agencies.',
              jsonb_build_object('need', o.legal_name || ' sees survivors with nowhere safe to go after the first weeks of support.',
                                 'activities', 'Hire navigators, open a drop-in space two evenings a week, and train partner agencies.',
                                 'people_served', 20 + s.i % 180, 'delivery', jsonb_build_array('in_person', 'outreach'), 'start_date', '2027-04-01', 'trauma_informed', true),
              2, 'CBSF-2026-' || lpad(s.i::text, 5, '0'), submitted.at, s.user_id, submitted.at - interval '3 days' * (1 + s.i % 5), submitted.at
       FROM bench_seed s
       JOIN organization o ON o.id = s.organization_id
       CROSS JOIN LATERAL (SELECT c.opens_at + (c.closes_at - c.opens_at) * s.submitted_share AS at FROM call c WHERE c.id = $1) submitted`,
      [callId, TITLES, TITLES.length],
    );
    await client.query(
      `INSERT INTO reference_sequence (fund_code, year, last_number) VALUES ('CBSF', 2026, $1)
       ON CONFLICT (fund_code, year) DO UPDATE SET last_number = GREATEST(reference_sequence.last_number, EXCLUDED.last_number)`,
      [count],
    );
    // 2 or 3 lines each, $10,000 to $80,000 a line in whole hundreds.
    await client.query(
      `INSERT INTO application_budget_line (application_id, position, fiscal_year, category, description, amount_cents)
       SELECT s.application_id, line, ($1::text[])[1 + line], ($2::text[])[1 + line], ($3::text[])[1 + line],
              (100 + floor(700 * ${uniform(`s.i || ':line:' || line`)}))::bigint * 10000
       FROM bench_seed s CROSS JOIN generate_series(0, 2) AS line
       WHERE line < 2 + s.i % 2`,
      [FISCAL_YEARS, LINES.map(([category]) => category), LINES.map(([, description]) => description)],
    );
    await client.query(
      `INSERT INTO application_screening (application_id, outcome, reason, officer_id, screened_at)
       SELECT s.application_id, 'eligible', 'Complete and eligible', $1, a.submitted_at + interval '2 days' FROM bench_seed s JOIN application a ON a.id = s.application_id`,
      [officerId],
    );

    await client.query(
      `CREATE TEMP TABLE bench_reviewer ON COMMIT DROP AS
       SELECT k, gen_random_uuid() AS id, ($1::int[])[1 + k % array_length($1::int[], 1)] AS leniency FROM generate_series(0, $2::int - 1) AS k`,
      [LENIENCY, BENCH_REVIEWERS],
    );
    await client.query(
      `INSERT INTO user_account (id, email, name, locale, roles, email_verified_at)
       SELECT id, 'reviewer-' || k || '@bench.example.org', 'Reviewer ' || chr(65 + k % 26) || (k / 26 + 1), CASE WHEN k % 3 = 0 THEN 'fr' ELSE 'en' END, '{applicant,reviewer}', now() FROM bench_reviewer`,
    );
    // Each application's three reviewers: i % 30, then one 1–14 places on, then one 15–29 places on
    // (never the same one twice), so that every reviewer meets many different panels.
    await client.query(
      `CREATE TEMP TABLE bench_slot ON COMMIT DROP AS
       SELECT s.i, s.application_id, s.quality, slot, r.id AS reviewer_id, r.leniency, (slot = 2 AND s.i % ${AWAITING_EVERY} = ${AWAITING_AT}) AS pending,
              a.submitted_at + interval '10 days' AS assigned_at
       FROM bench_seed s
       JOIN application a ON a.id = s.application_id
       CROSS JOIN generate_series(0, 2) AS slot
       JOIN bench_reviewer r ON r.k = CASE slot WHEN 0 THEN s.i % ${BENCH_REVIEWERS}
                                                WHEN 1 THEN (s.i + 1 + (s.i / ${BENCH_REVIEWERS}) % 14) % ${BENCH_REVIEWERS}
                                                ELSE (s.i + 15 + (s.i / 7) % 15) % ${BENCH_REVIEWERS} END`,
    );
    // Each criterion scored from what the application deserves, the reviewer's leniency and ±10
    // points of noise, in whole steps of the criterion's scale; weighted as the API does
    // (Σ score / maxScore × weight / Σ weight × 100).
    await client.query(
      `WITH criterion AS (
         SELECT c.value->>'key' AS key, (c.value->>'weight')::numeric AS weight, (c.value->>'maxScore')::int AS max_score, c.ordinality AS position
         FROM call, jsonb_array_elements(call.rubric->'criteria') WITH ORDINALITY AS c
         WHERE call.id = $1
       ), scored AS (
         SELECT sl.application_id, sl.reviewer_id, sl.assigned_at, cr.key, cr.weight, cr.max_score, cr.position,
                GREATEST(0, LEAST(cr.max_score, round((sl.quality + sl.leniency + 20 * (${uniform(`sl.i || ':' || sl.slot || ':' || cr.key`)} - 0.5)) / 100 * cr.max_score)))::int AS score
         FROM bench_slot sl CROSS JOIN criterion cr
         WHERE NOT sl.pending
       )
       INSERT INTO review_assignment (application_id, reviewer_id, status, conflict_declared, scores, overall_comment, weighted_score, assigned_by, assigned_at, declared_at, submitted_at)
       SELECT application_id, reviewer_id, 'submitted', false,
              jsonb_agg(jsonb_build_object('criterionKey', key, 'score', score, 'comment', '') ORDER BY position),
              'Reviewed against the rubric.', sum(score::numeric / max_score * weight) / sum(weight) * 100, $2, assigned_at, assigned_at + interval '1 day', assigned_at + interval '6 days'
       FROM scored GROUP BY application_id, reviewer_id, assigned_at`,
      [callId, officerId],
    );
    await client.query(
      `INSERT INTO review_assignment (application_id, reviewer_id, status, conflict_declared, scores, weighted_score, assigned_by, assigned_at, declared_at)
       SELECT application_id, reviewer_id, 'assigned', false, '[]', NULL, $1, assigned_at, assigned_at + interval '1 day' FROM bench_slot WHERE pending`,
      [officerId],
    );
    const [totals] = (
      await client.query(
        `SELECT (SELECT COALESCE(sum(amount_cents), 0)::bigint FROM application_budget_line l JOIN bench_seed s ON s.application_id = l.application_id) AS requested,
                (SELECT count(*)::int FROM bench_slot WHERE pending) AS awaiting,
                (SELECT count(*)::int FROM bench_slot WHERE NOT pending) AS reviews`,
      )
    ).rows as Array<{ requested: string; awaiting: number; reviews: number }>;
    const requestedCents = Number(totals!.requested);
    // Whole dollars; never under the call's largest request (a CHECK of the call).
    const budgetEnvelopeCents = Math.round((requestedCents * 0.4) / 100) * 100;
    await client.query(`UPDATE call SET budget_envelope_cents = GREATEST($2::bigint, max_request_cents), updated_at = now() WHERE id = $1`, [callId, budgetEnvelopeCents]);
    await client.query('COMMIT');
    await client.query('ANALYZE');
    return {
      applications: count,
      fullyReviewed: count - totals!.awaiting,
      awaiting: totals!.awaiting,
      reviews: totals!.reviews,
      requestedCents,
      budgetEnvelopeCents,
      referencePrefix: 'CBSF-2026-0012',
      nameFragment: 'harbour',
    };
  } catch (error: unknown) {
    await client.query('ROLLBACK');
    throw error;
  }
}
