export interface AssignmentApplication {
  id: string;
  organizationId: string;
  /** Reviewers currently (not recused) assigned; they count toward the target and are never added again. */
  existingReviewerIds: string[];
}

export interface AssignmentReviewer {
  id: string;
  /** Open assignments the reviewer already carries, across all calls, including those in existingReviewerIds. */
  currentLoad: number;
  organizationIds: string[];
  conflictedApplicationIds: string[];
}

export interface PlannedAssignment {
  applicationId: string;
  reviewerId: string;
}

export interface AssignmentShortfall {
  applicationId: string;
  missing: number;
}

export interface AssignmentPlan {
  assignments: PlannedAssignment[];
  shortfalls: AssignmentShortfall[];
}

/**
 * Tops every application up to `reviewersPerApplication` distinct reviewers, never choosing one
 * already on it, a member of the applicant organization, or one who declared a conflict with it.
 *
 * Greedy: the most constrained applications (fewest eligible reviewers) go first, so the reviewers
 * they depend on are still lightly loaded; each slot goes to the least-loaded eligible reviewer,
 * ties broken by id so the same input always gives the same plan. Without constraints this keeps
 * final loads within one of each other; with constraints it stays close but is not an optimum.
 * Reviewers have no capacity limit, so every application gets min(needed, eligible) reviewers.
 */
export function planAssignments(
  applications: AssignmentApplication[],
  reviewers: AssignmentReviewer[],
  reviewersPerApplication: number,
): AssignmentPlan {
  if (!Number.isInteger(reviewersPerApplication) || reviewersPerApplication < 0) {
    throw new RangeError(`reviewersPerApplication must be a whole number ≥ 0, not ${reviewersPerApplication}`);
  }
  assertUniqueIds('application', applications);
  assertUniqueIds('reviewer', reviewers);

  const load = new Map(reviewers.map((reviewer) => [reviewer.id, reviewer.currentLoad]));
  const work = applications.map((application) => {
    const existing = new Set(application.existingReviewerIds);
    return {
      application,
      needed: Math.max(0, reviewersPerApplication - existing.size),
      eligible: reviewers.filter(
        (reviewer) =>
          !existing.has(reviewer.id) &&
          !reviewer.organizationIds.includes(application.organizationId) &&
          !reviewer.conflictedApplicationIds.includes(application.id),
      ),
    };
  });
  work.sort((a, b) => a.eligible.length - b.eligible.length || compareIds(a.application.id, b.application.id));

  const assignments: PlannedAssignment[] = [];
  const shortfalls: AssignmentShortfall[] = [];
  for (const { application, needed, eligible } of work) {
    const candidates = [...eligible];
    for (let slot = 0; slot < needed && candidates.length > 0; slot++) {
      const index = leastLoadedIndex(candidates, load);
      const [chosen] = candidates.splice(index, 1);
      load.set(chosen.id, (load.get(chosen.id) ?? 0) + 1);
      assignments.push({ applicationId: application.id, reviewerId: chosen.id });
    }
    if (eligible.length < needed) {
      shortfalls.push({ applicationId: application.id, missing: needed - eligible.length });
    }
  }
  return { assignments, shortfalls };
}

function leastLoadedIndex(candidates: AssignmentReviewer[], load: Map<string, number>): number {
  let best = 0;
  for (let i = 1; i < candidates.length; i++) {
    const difference = (load.get(candidates[i].id) ?? 0) - (load.get(candidates[best].id) ?? 0);
    if (difference < 0 || (difference === 0 && compareIds(candidates[i].id, candidates[best].id) < 0)) best = i;
  }
  return best;
}

// Code-unit order, not localeCompare: the plan must not depend on the server's locale.
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function assertUniqueIds(kind: string, items: Array<{ id: string }>): void {
  const seen = new Set<string>();
  for (const { id } of items) {
    if (seen.has(id)) throw new RangeError(`Duplicate ${kind} id ${id}`);
    seen.add(id);
  }
}
