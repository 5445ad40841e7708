import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { StaffConflictReason, StaffIndependenceService } from '@grants/applications';
import { CallEntity } from '@grants/calls';
import { decodeSequenceCursor, encodeSequenceCursor, ForbiddenError, NotFoundError, Page } from '@grants/core';
import { Actor, hasRole } from '@grants/identity';
import { DataSource } from 'typeorm';
import { RankedApplication, rankApplications, reviewerLetter, reviewsRequired } from './rules/ranking';
import { ApplicationScore, isDisagreement, normalizationReason, normalizeScores, PanelStatistics, panelStatistics, ReviewScore } from './rules/scoring';

/** An application whose required reviews are all in, at its place in the ranking. */
export interface RankingItem {
  rank: number;
  applicationId: string;
  referenceNumber: string | null;
  organizationName: string;
  /** Null when withheld: a decision not yet released is the office's deliberation. */
  status: string | null;
  reviewsSubmitted: number;
  reviewsRequired: number;
  /** Mean of the reviews' weighted scores, as the reviewers gave them (0–100); null when withheld. */
  weightedScore: number | null;
  /** The same after each regular reviewer's leniency or severity is taken out; the ranking's order. Null when withheld. */
  normalizedScore: number | null;
  /** Highest minus lowest weighted score of its reviews; null when withheld. */
  spread: number | null;
  /**
   * Why the reviews of this application are not shown to the reader: they are tied to its
   * organization (docs/api.md, separation of duties). Its place stays, since every other's depends on it.
   */
  withheld: StaffConflictReason | null;
  disagreement: boolean;
  /** Each criterion's mean score, in the rubric's order, on the criterion's own scale. */
  criteria: Array<{ key: string; mean: number | null }>;
  /** Why normalization moved the score noticeably: reviewer `reviewer` (`name`) scores `offset` points from the panel on average. */
  normalization: { reviewer: string; name: string; offset: number } | null;
  requestedCents: number;
  recommendedCents: number;
  cumulativeCents: number;
  aboveFundingLine: boolean;
}

/** An application still waiting for some of its reviews: listed apart, never ranked. */
export interface AwaitingReviewItem {
  applicationId: string;
  referenceNumber: string | null;
  organizationName: string;
  /** Null when withheld, as for a ranked application. */
  status: string | null;
  reviewsSubmitted: number;
  reviewsRequired: number;
  requestedCents: number;
  withheld: StaffConflictReason | null;
}

/** A reviewer of the call against the panel: what calibration reads. */
export interface ReviewerCalibration {
  /** The reviewer's letter on the ranking (A, B, …). */
  reviewer: string;
  reviewerId: string;
  name: string;
  reviews: number;
  mean: number;
  stdDev: number;
  /** Mean minus the panel's mean. */
  offset: number;
  /** Whether normalization corrects this reviewer (enough reviews to say). */
  normalized: boolean;
}

export interface CallRanking extends Page<RankingItem> {
  rankedCount: number;
  awaitingCount: number;
  budgetEnvelopeCents: number;
  /** What the ranking recommends above the line, and what of the envelope that leaves. */
  recommendedCents: number;
  remainingCents: number;
  /** The rank of the last application above the funding line; null when none fits. */
  fundingLineAfterRank: number | null;
  disagreementThreshold: number;
  panel: { reviews: number; mean: number | null; stdDev: number | null; reviewers: ReviewerCalibration[] };
}

/** Where one application stands: ranked, or waiting for reviews. */
export type RankingPlace = ({ ranked: RankingItem; awaiting?: undefined } | { awaiting: AwaitingReviewItem; ranked?: undefined }) & { rankedCount: number };

export interface RankingQuery {
  limit: number;
  cursor?: string;
}

export const RANKED_STATUSES = ['in_review', 'approved', 'declined', 'awarded'] as const;

interface ApplicationRow {
  id: string;
  organization_id: string;
  reference_number: string | null;
  status: string;
  submitted_at: Date;
  organization_name: string;
  requested_cents: string;
  /** Counted from the assignments. */
  submitted: number;
  active: number;
}

interface AssignmentRow {
  application_id: string;
  reviewer_id: string;
  submitted: boolean;
  weighted_score: number | null;
}

/** The whole call, computed once per read: the page is cut from it. */
interface Computed {
  call: CallEntity;
  ranked: RankedApplication[];
  awaiting: AwaitingReviewItem[];
  rows: Map<string, ApplicationRow>;
  scores: Map<string, ApplicationScore>;
  reviewersOf: Map<string, string[]>;
  panel: PanelStatistics;
  reviewCount: number;
  letters: Map<string, string>;
  names: Map<string, string>;
  /** The organizations whose deliberation the reader may not see. */
  tied: Map<string, StaffConflictReason>;
}

/**
 * The call's ranking: normalized scores, disagreement flags and the funding line, over the
 * applications whose required reviews are all submitted; the others wait apart. Officers only.
 * Computed from two lean statements per read (no entities), so that a call of 10,000 applications
 * stays under a third of a second (bench/ranking.ts); only the page is explained in full.
 */
@Injectable()
export class RankingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly independence: StaffIndependenceService,
  ) {}

  async ranking(actor: Actor, callId: string, query: RankingQuery = { limit: 100 }): Promise<CallRanking> {
    return this.rankedPage(await this.compute(actor, callId), query);
  }

  /** The applications of the call still waiting for reviews, earliest submitted first. */
  async awaitingReviews(actor: Actor, callId: string, query: RankingQuery): Promise<Page<AwaitingReviewItem>> {
    return awaitingPage(await this.compute(actor, callId), query);
  }

  /** Both lists from one computation, for the ranking's page. */
  async overview(actor: Actor, callId: string, ranked: RankingQuery, awaiting: RankingQuery): Promise<{ ranking: CallRanking; awaiting: Page<AwaitingReviewItem> }> {
    const computed = await this.compute(actor, callId);
    return { ranking: await this.rankedPage(computed, ranked), awaiting: awaitingPage(computed, awaiting) };
  }

  private async rankedPage(computed: Computed, query: RankingQuery): Promise<CallRanking> {
    const { call, ranked, panel } = computed;
    const from = offsetOf(query);
    const page = ranked.slice(from, from + query.limit);
    const criteria = await this.criterionMeans(call, page.map((item) => item.applicationId));
    const above = ranked.filter((item) => item.aboveFundingLine);
    const envelope = call.budgetEnvelopeCents ?? 0;
    const recommendedCents = above.at(-1)?.cumulativeCents ?? 0;
    return {
      items: page.map((item) => this.itemOf(computed, item, criteria.get(item.applicationId))),
      nextCursor: from + query.limit < ranked.length ? encodeSequenceCursor(String(from + query.limit)) : null,
      rankedCount: ranked.length,
      awaitingCount: computed.awaiting.length,
      budgetEnvelopeCents: envelope,
      recommendedCents,
      remainingCents: envelope - recommendedCents,
      fundingLineAfterRank: above.at(-1)?.rank ?? null,
      disagreementThreshold: call.disagreementThreshold,
      panel: {
        reviews: computed.reviewCount,
        mean: computed.reviewCount > 0 ? round2(panel.mean) : null,
        stdDev: computed.reviewCount > 0 ? round2(panel.stdDev) : null,
        reviewers: [...panel.reviewers]
          .map(([reviewerId, stats]) => ({
            reviewer: computed.letters.get(reviewerId)!,
            reviewerId,
            name: computed.names.get(reviewerId) ?? '',
            reviews: stats.count,
            mean: round2(stats.mean),
            stdDev: round2(stats.stdDev),
            offset: round2(stats.mean - panel.mean),
            normalized: stats.normalized,
          }))
          .sort((a, b) => a.reviewer.length - b.reviewer.length || a.reviewer.localeCompare(b.reviewer)),
      },
    };
  }

  /** One application's place, as the ranking stands: what a decision is checked against. Null when it is not in review or decided. */
  async placeOf(actor: Actor, callId: string, applicationId: string): Promise<RankingPlace | null> {
    const computed = await this.compute(actor, callId);
    const waiting = computed.awaiting.find((item) => item.applicationId === applicationId);
    const rankedCount = computed.ranked.length;
    if (waiting) return { awaiting: waiting, rankedCount };
    const ranked = computed.ranked.find((item) => item.applicationId === applicationId);
    if (!ranked) return null;
    const criteria = await this.criterionMeans(computed.call, [applicationId]);
    return { ranked: this.itemOf(computed, ranked, criteria.get(applicationId)), rankedCount };
  }

  private async compute(actor: Actor, callId: string): Promise<Computed> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers see the ranking');
    const call = await this.dataSource.getRepository(CallEntity).findOneBy({ id: callId });
    if (!call || !call.publishedAt) throw new NotFoundError('Call');
    const statuses = [...RANKED_STATUSES];
    // Two lean statements: the applications with their requested amount (kept on the row by a trigger),
    // and every assignment still counting (assigned or submitted) with its reviewer and score.
    const [applications, assignments, tied] = await Promise.all([
      this.dataSource.query(
        `SELECT a.id, a.organization_id, a.reference_number, a.status, a.submitted_at, o.legal_name AS organization_name, a.requested_cents
           FROM application a JOIN organization o ON o.id = a.organization_id
          WHERE a.call_id = $1 AND a.status = ANY($2)`,
        [callId, statuses],
      ) as Promise<ApplicationRow[]>,
      this.dataSource.query(
        `SELECT r.application_id, r.reviewer_id, r.status = 'submitted' AS submitted, r.weighted_score::float8 AS weighted_score
           FROM review_assignment r JOIN application a ON a.id = r.application_id
          WHERE a.call_id = $1 AND a.status = ANY($2) AND r.status IN ('assigned', 'submitted')`,
        [callId, statuses],
      ) as Promise<AssignmentRow[]>,
      this.independence.conflictedOrganizations(actor),
    ]);
    const counts = new Map<string, { submitted: number; active: number }>();
    const reviews: AssignmentRow[] = [];
    for (const assignment of assignments) {
      const count = counts.get(assignment.application_id) ?? { submitted: 0, active: 0 };
      count.active += 1;
      if (assignment.submitted && assignment.weighted_score !== null) {
        count.submitted += 1;
        reviews.push(assignment);
      }
      counts.set(assignment.application_id, count);
    }
    for (const row of applications) Object.assign(row, counts.get(row.id) ?? { submitted: 0, active: 0 });

    const reviewScores: ReviewScore[] = reviews.map((review) => ({ reviewerId: review.reviewer_id, applicationId: review.application_id, weightedScore: review.weighted_score! }));
    // Every submitted review of the call calibrates its reviewer, those of applications still waiting included.
    const panel = panelStatistics(reviewScores);
    const scores = normalizeScores(reviewScores, panel);
    const reviewersOf = new Map<string, string[]>();
    for (const review of reviews) {
      const list = reviewersOf.get(review.application_id);
      if (list) list.push(review.reviewer_id);
      else reviewersOf.set(review.application_id, [review.reviewer_id]);
    }

    const rows = new Map(applications.map((row) => [row.id, row]));
    const complete: ApplicationRow[] = [];
    const awaiting: AwaitingReviewItem[] = [];
    for (const row of applications) {
      const required = reviewsRequired(row.active, call.reviewersPerApplication);
      if (row.submitted >= required && scores.has(row.id)) complete.push(row);
      else {
        const withheld = tied.get(row.organization_id) ?? null;
        awaiting.push({
          applicationId: row.id,
          referenceNumber: row.reference_number,
          organizationName: row.organization_name,
          status: withheld ? null : row.status,
          reviewsSubmitted: row.submitted,
          reviewsRequired: required,
          requestedCents: Number(row.requested_cents),
          withheld,
        });
      }
    }
    awaiting.sort((a, b) => rows.get(a.applicationId)!.submitted_at.getTime() - rows.get(b.applicationId)!.submitted_at.getTime() || (a.applicationId < b.applicationId ? -1 : 1));
    const ranked = rankApplications(
      complete.map((row) => ({
        applicationId: row.id,
        normalizedScore: scores.get(row.id)!.normalizedScore,
        weightedScore: scores.get(row.id)!.weightedScore,
        submittedAt: row.submitted_at,
        requestedCents: Number(row.requested_cents),
      })),
      call.budgetEnvelopeCents ?? 0,
    );

    const reviewerIds = [...panel.reviewers.keys()];
    const names = new Map<string, string>(
      reviewerIds.length > 0
        ? ((await this.dataSource.query(`SELECT id, name FROM user_account WHERE id = ANY($1)`, [reviewerIds])) as Array<{ id: string; name: string }>).map((user) => [user.id, user.name])
        : [],
    );
    // Letters in the order of the reviewers' names, so that they stay the same from one read to the next.
    const letters = new Map(
      reviewerIds
        .sort((a, b) => (names.get(a) ?? '').localeCompare(names.get(b) ?? '') || (a < b ? -1 : 1))
        .map((reviewerId, index) => [reviewerId, reviewerLetter(index)]),
    );
    return { call, ranked, awaiting, rows, scores, reviewersOf, panel, reviewCount: reviews.length, letters, names, tied };
  }

  private itemOf(computed: Computed, item: RankedApplication, criteria: Map<string, number> | undefined): RankingItem {
    const row = computed.rows.get(item.applicationId)!;
    const score = computed.scores.get(item.applicationId)!;
    const place = {
      rank: item.rank,
      applicationId: item.applicationId,
      referenceNumber: row.reference_number,
      organizationName: row.organization_name,
      status: row.status,
      reviewsSubmitted: row.submitted,
      reviewsRequired: reviewsRequired(row.active, computed.call.reviewersPerApplication),
      requestedCents: item.requestedCents,
      recommendedCents: item.recommendedCents,
      cumulativeCents: item.cumulativeCents,
      aboveFundingLine: item.aboveFundingLine,
    };
    const withheld = computed.tied.get(row.organization_id) ?? null;
    if (withheld) return { ...place, status: null, weightedScore: null, normalizedScore: null, spread: null, disagreement: false, criteria: [], normalization: null, withheld };
    const reason = normalizationReason(score, computed.reviewersOf.get(item.applicationId) ?? [], computed.panel);
    return {
      ...place,
      weightedScore: score.weightedScore,
      normalizedScore: score.normalizedScore,
      spread: score.spread,
      disagreement: isDisagreement(score.spread, computed.call.disagreementThreshold),
      criteria: (computed.call.rubric?.criteria ?? []).map((criterion) => ({ key: criterion.key, mean: criteria?.get(criterion.key) ?? null })),
      normalization: reason ? { reviewer: computed.letters.get(reason.reviewerId)!, name: computed.names.get(reason.reviewerId) ?? '', offset: reason.offset } : null,
      withheld: null,
    };
  }

  /** Each criterion's mean score over the submitted reviews of these applications. */
  private async criterionMeans(call: CallEntity, applicationIds: string[]): Promise<Map<string, Map<string, number>>> {
    const means = new Map<string, Map<string, number>>();
    if (applicationIds.length === 0 || !call.rubric?.criteria?.length) return means;
    const rows = (await this.dataSource.query(
      `SELECT r.application_id, s.value->>'criterionKey' AS key, round(avg((s.value->>'score')::numeric), 2)::float8 AS mean
         FROM review_assignment r CROSS JOIN LATERAL jsonb_array_elements(r.scores) s
        WHERE r.application_id = ANY($1) AND r.status = 'submitted'
        GROUP BY r.application_id, s.value->>'criterionKey'`,
      [applicationIds],
    )) as Array<{ application_id: string; key: string; mean: number }>;
    for (const row of rows) {
      const own = means.get(row.application_id) ?? new Map<string, number>();
      own.set(row.key, row.mean);
      means.set(row.application_id, own);
    }
    return means;
  }
}

function offsetOf(query: RankingQuery): number {
  return query.cursor ? Number(decodeSequenceCursor(query.cursor)) : 0;
}

function awaitingPage(computed: Computed, query: RankingQuery): Page<AwaitingReviewItem> {
  const from = offsetOf(query);
  const { awaiting } = computed;
  return { items: awaiting.slice(from, from + query.limit), nextCursor: from + query.limit < awaiting.length ? encodeSequenceCursor(String(from + query.limit)) : null };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
