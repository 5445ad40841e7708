export * from './rules/assignment';
export * from './rules/ranking';
export * from './rules/scoring';
