export interface Criterion {
  key: string;
  weight: number;
  maxScore: number;
}

export interface CriterionScore {
  criterionKey: string;
  score: number;
}

/** Same shape as the other libraries' problems: `field` is the path in the request body. */
export interface ScoreProblem {
  field: string;
  message: string;
}

export interface ReviewScore {
  reviewerId: string;
  applicationId: string;
  weightedScore: number;
}

export interface ApplicationScore {
  /** Mean of the application's raw weighted scores. */
  weightedScore: number;
  /** Mean of the application's scores after each reviewer's leniency or severity is taken out. */
  normalizedScore: number;
  reviewCount: number;
  /** Highest minus lowest raw weighted score; 0 with a single review. */
  spread: number;
}

/** Below this many reviews a reviewer's mean and spread say too little to correct for. */
export const MIN_REVIEWS_TO_NORMALIZE = 3;

/**
 * Σ(score / maxScore × weight) / Σweight × 100, from 0 to 100. Not rounded, so that averages and
 * normalization built on it do not compound rounding; round when showing it.
 */
export function weightedScore(criteria: Criterion[], scores: Record<string, number>): number {
  const totalWeight = criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
  if (!(totalWeight > 0)) throw new RangeError('A rubric needs at least one criterion with a positive weight');
  let weighted = 0;
  for (const criterion of criteria) {
    const score = Object.hasOwn(scores, criterion.key) ? scores[criterion.key] : undefined;
    if (score === undefined) throw new RangeError(`Criterion ${criterion.key} is not scored`);
    weighted += (score / criterion.maxScore) * criterion.weight;
  }
  return (weighted / totalWeight) * 100;
}

/**
 * What is wrong with a reviewer's scores. Scores are whole numbers from 0 to the criterion's
 * maxScore (no halves: the rubric's scale is the resolution). Draft scores may leave criteria
 * out; `complete` (submission) requires every criterion.
 */
export function scoreProblems(
  criteria: Criterion[],
  scores: CriterionScore[],
  { complete }: { complete: boolean },
): ScoreProblem[] {
  const byKey = new Map(criteria.map((criterion) => [criterion.key, criterion]));
  const firstIndex = new Map<string, number>();
  const problems: ScoreProblem[] = [];
  scores.forEach(({ criterionKey, score }, index) => {
    const path = `scores[${index}]`;
    const criterion = byKey.get(criterionKey);
    if (criterion === undefined) {
      problems.push({ field: `${path}.criterionKey`, message: `is not a criterion of this rubric: ${criterionKey}` });
    } else if (firstIndex.has(criterionKey)) {
      problems.push({ field: `${path}.criterionKey`, message: `repeats scores[${firstIndex.get(criterionKey)}]` });
    } else {
      firstIndex.set(criterionKey, index);
      if (!Number.isInteger(score) || score < 0 || score > criterion.maxScore) {
        problems.push({ field: `${path}.score`, message: `must be a whole number from 0 to ${criterion.maxScore}` });
      }
    }
  });
  if (complete) {
    for (const criterion of criteria) {
      if (!firstIndex.has(criterion.key)) {
        problems.push({ field: 'scores', message: `must score criterion ${criterion.key}` });
      }
    }
  }
  return problems;
}

/** One reviewer's scores in a set: how many, their mean and (population) standard deviation. */
export interface ReviewerStatistics {
  count: number;
  mean: number;
  stdDev: number;
  /** Whether normalization corrects this reviewer's scores (at least MIN_REVIEWS_TO_NORMALIZE reviews). */
  normalized: boolean;
}

/** Every review of a set taken together (the panel), and each reviewer's own. */
export interface PanelStatistics {
  mean: number;
  stdDev: number;
  reviewers: Map<string, ReviewerStatistics>;
}

export function panelStatistics(reviews: ReviewScore[]): PanelStatistics {
  const panel = meanAndStdDev(reviews.map((review) => review.weightedScore));
  const reviewers = new Map<string, ReviewerStatistics>();
  for (const [reviewerId, own] of groupBy(reviews, (review) => review.reviewerId)) {
    const stats = meanAndStdDev(own.map((review) => review.weightedScore));
    reviewers.set(reviewerId, { count: own.length, ...stats, normalized: own.length >= MIN_REVIEWS_TO_NORMALIZE });
  }
  return { ...panel, reviewers };
}

/**
 * Per application: the mean raw weighted score, and a normalized score that corrects for reviewer
 * leniency. Each reviewer with at least MIN_REVIEWS_TO_NORMALIZE reviews in the set has their
 * scores turned into z-scores against their own mean and (population) standard deviation, then
 * put back on the 0–100 scale with the mean and standard deviation of every review in the set,
 * clamped to 0–100. A reviewer who gave everyone the same score gets z = 0 (the global mean).
 * Reviewers with fewer reviews keep their raw scores. Outputs are rounded to 2 decimals at the end.
 */
export function normalizeScores(reviews: ReviewScore[], panel: PanelStatistics = panelStatistics(reviews)): Map<string, ApplicationScore> {
  const normalized = (review: ReviewScore): number => {
    const stats = panel.reviewers.get(review.reviewerId);
    if (stats === undefined || !stats.normalized) return review.weightedScore;
    const z = stats.stdDev === 0 ? 0 : (review.weightedScore - stats.mean) / stats.stdDev;
    return Math.min(100, Math.max(0, panel.mean + z * panel.stdDev));
  };

  const result = new Map<string, ApplicationScore>();
  for (const [applicationId, own] of groupBy(reviews, (review) => review.applicationId)) {
    const raw = own.map((review) => review.weightedScore);
    result.set(applicationId, {
      weightedScore: round2(mean(raw)),
      normalizedScore: round2(mean(own.map(normalized))),
      reviewCount: own.length,
      spread: round2(Math.max(...raw) - Math.min(...raw)),
    });
  }
  return result;
}

/** A shift by normalization smaller than this many points is not worth a sentence. */
export const NOTICEABLE_SHIFT = 3;

/**
 * Why normalization moved an application's score noticeably: the reviewer of it whose own mean
 * lies furthest from the panel's in the direction that explains the move (a score raised is
 * explained by a severe reviewer, one lowered by a lenient one). Null when the move is small or
 * no corrected reviewer explains it.
 */
export function normalizationReason(
  score: Pick<ApplicationScore, 'weightedScore' | 'normalizedScore'>,
  reviewerIds: readonly string[],
  panel: PanelStatistics,
): { reviewerId: string; offset: number } | null {
  const shift = score.normalizedScore - score.weightedScore;
  if (Math.abs(shift) < NOTICEABLE_SHIFT) return null;
  let reason: { reviewerId: string; offset: number } | null = null;
  for (const reviewerId of reviewerIds) {
    const stats = panel.reviewers.get(reviewerId);
    if (!stats?.normalized) continue;
    const offset = stats.mean - panel.mean;
    // Raised (shift > 0) by a reviewer below the panel, lowered by one above it.
    if (Math.sign(offset) !== -Math.sign(shift)) continue;
    if (reason === null || Math.abs(offset) > Math.abs(reason.offset)) reason = { reviewerId, offset: round2(offset) };
  }
  return reason;
}

/** Reviewers disagree when their weighted scores for one application are more than `threshold` points apart. */
export function isDisagreement(spread: number, threshold: number): boolean {
  return spread > threshold;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group === undefined) groups.set(key(item), [item]);
    else group.push(item);
  }
  return groups;
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function meanAndStdDev(values: number[]): { mean: number; stdDev: number } {
  if (values.length === 0) return { mean: 0, stdDev: 0 };
  const average = mean(values);
  const variance = mean(values.map((value) => (value - average) ** 2));
  return { mean: average, stdDev: Math.sqrt(variance) };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
