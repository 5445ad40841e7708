export * from './assignment.service';
export * from './ranking.service';
export * from './review-assignment.entity';
export * from './review.service';
export * from './reviews.module';
export * from './rules/assignment';
export * from './rules/ranking';
export * from './rules/scoring';
