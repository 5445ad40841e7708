export interface RankingInput {
  applicationId: string;
  normalizedScore: number | null;
  weightedScore: number | null;
  submittedAt: Date;
  requestedCents: number;
}

export interface RankedApplication extends RankingInput {
  /** 1-based position; ties are broken, so ranks never repeat. */
  rank: number;
  recommendedCents: number;
  /** Running sum of recommendedCents down to and including this row. */
  cumulativeCents: number;
  aboveFundingLine: boolean;
}

/**
 * Orders applications by normalized score, then weighted score (both highest first, unscored
 * last), then earlier submission, then id so the order is total; and draws the funding line.
 *
 * Walking down the list, each application is recommended in full while the running total still
 * fits the envelope. The first one that does not fit draws the line: it and every application
 * below it are recommended nothing, even a smaller request that would still fit. Skipping ahead
 * would fund a lower-ranked proposal over a higher-ranked one; the officer decides what to do
 * with the remainder (a partial award, an override) with the rationale on record.
 *
 * An application without a normalized score has no reviews to rank it by, so it is never
 * recommended, whatever room is left.
 */
export function rankApplications(items: RankingInput[], envelopeCents: number): RankedApplication[] {
  assertCents('envelopeCents', envelopeCents);
  for (const item of items) assertCents(`requestedCents of ${item.applicationId}`, item.requestedCents);

  let cumulativeCents = 0;
  let lineDrawn = false;
  return [...items].sort(compareForRanking).map((item, index) => {
    const fits = item.normalizedScore !== null && cumulativeCents + item.requestedCents <= envelopeCents;
    if (!fits) lineDrawn = true;
    const aboveFundingLine = !lineDrawn;
    const recommendedCents = aboveFundingLine ? item.requestedCents : 0;
    cumulativeCents += recommendedCents;
    return { ...item, rank: index + 1, recommendedCents, cumulativeCents, aboveFundingLine };
  });
}

function compareForRanking(a: RankingInput, b: RankingInput): number {
  return (
    descendingNullsLast(a.normalizedScore, b.normalizedScore) ||
    descendingNullsLast(a.weightedScore, b.weightedScore) ||
    a.submittedAt.getTime() - b.submittedAt.getTime() ||
    (a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0)
  );
}

function descendingNullsLast(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return b - a;
}

function assertCents(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number of cents ≥ 0, not ${value}`);
  }
}

/**
 * How many submitted reviews an application needs before it is ranked: every reviewer still on
 * it (assigned or submitted, not recused or removed), and never fewer than the call asks for.
 * Until then it waits apart, neither above nor below the line.
 */
export function reviewsRequired(activeAssignments: number, reviewersPerApplication: number | null): number {
  return Math.max(activeAssignments, reviewersPerApplication ?? 1, 1);
}

/** Reviewers are named by letter on the ranking (A, B, …, Z, AA, AB, …), in a stable order. */
export function reviewerLetter(index: number): string {
  let letters = '';
  for (let rest = index; rest >= 0; rest = Math.floor(rest / 26) - 1) letters = String.fromCharCode(65 + (rest % 26)) + letters;
  return letters;
}
