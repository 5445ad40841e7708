import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationEntity } from '@grants/applications';
import { CallEntity } from '@grants/calls';
import { ForbiddenError, NotFoundError } from '@grants/core';
import { Actor, hasRole } from '@grants/identity';
import { DataSource, In } from 'typeorm';
import { ReviewAssignmentEntity } from './review-assignment.entity';
import { rankApplications } from './rules/ranking';
import { isDisagreement, normalizeScores } from './rules/scoring';

export interface RankingItem {
  rank: number;
  applicationId: string;
  referenceNumber: string | null;
  organizationName: string;
  status: string;
  reviewsSubmitted: number;
  weightedScore: number | null;
  normalizedScore: number | null;
  disagreement: boolean;
  requestedCents: number;
  recommendedCents: number;
  cumulativeCents: number;
  aboveFundingLine: boolean;
}

const RANKED_STATUSES = ['in_review', 'approved', 'declined', 'awarded'] as const;

/** The call's ranking: normalized scores, disagreement flags and the funding line. Officers only. */
@Injectable()
export class RankingService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async ranking(actor: Actor, callId: string): Promise<{ items: RankingItem[]; budgetEnvelopeCents: number; disagreementThreshold: number }> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers see the ranking');
    const call = await this.dataSource.getRepository(CallEntity).findOneBy({ id: callId });
    if (!call || !call.publishedAt) throw new NotFoundError('Call');
    const threshold = call.disagreementThreshold;

    const applications = (await this.dataSource
      .getRepository(ApplicationEntity)
      .createQueryBuilder('application')
      .innerJoin('organization', 'organization', 'organization.id = application.organization_id')
      .leftJoin('application_budget_line', 'line', 'line.application_id = application.id')
      .select([
        'application.id AS id',
        'application.reference_number AS "referenceNumber"',
        'application.status AS status',
        'application.submitted_at AS "submittedAt"',
        'organization.legal_name AS "organizationName"',
        'COALESCE(SUM(line.amount_cents), 0)::bigint AS "requestedCents"',
      ])
      .where('application.call_id = :callId AND application.status IN (:...statuses)', { callId, statuses: RANKED_STATUSES })
      .groupBy('application.id, organization.legal_name')
      .getRawMany()) as Array<{ id: string; referenceNumber: string | null; status: string; submittedAt: Date; organizationName: string; requestedCents: string }>;

    const reviews = applications.length
      ? await this.dataSource.getRepository(ReviewAssignmentEntity).findBy({ applicationId: In(applications.map((application) => application.id)), status: 'submitted' })
      : [];
    const scores = normalizeScores(reviews.map((review) => ({ reviewerId: review.reviewerId, applicationId: review.applicationId, weightedScore: review.weightedScore ?? 0 })));
    const byId = new Map(applications.map((application) => [application.id, application]));
    const ranked = rankApplications(
      applications.map((application) => ({
        applicationId: application.id,
        normalizedScore: scores.get(application.id)?.normalizedScore ?? null,
        weightedScore: scores.get(application.id)?.weightedScore ?? null,
        submittedAt: application.submittedAt,
        requestedCents: Number(application.requestedCents),
      })),
      call.budgetEnvelopeCents ?? 0,
    );
    return {
      budgetEnvelopeCents: call.budgetEnvelopeCents ?? 0,
      disagreementThreshold: threshold,
      items: ranked.map((item) => {
        const application = byId.get(item.applicationId)!;
        const score = scores.get(item.applicationId);
        return {
          rank: item.rank,
          applicationId: item.applicationId,
          referenceNumber: application.referenceNumber,
          organizationName: application.organizationName,
          status: application.status,
          reviewsSubmitted: score?.reviewCount ?? 0,
          weightedScore: item.weightedScore,
          normalizedScore: item.normalizedScore,
          disagreement: score ? isDisagreement(score.spread, threshold) : false,
          requestedCents: item.requestedCents,
          recommendedCents: item.recommendedCents,
          cumulativeCents: item.cumulativeCents,
          aboveFundingLine: item.aboveFundingLine,
        };
      }),
    };
  }
}
