import fc from 'fast-check';
import { AssignmentApplication, AssignmentReviewer, planAssignments } from './assignment';

interface Scenario {
  applications: AssignmentApplication[];
  reviewers: AssignmentReviewer[];
  perApplication: number;
}

const organizationIds = ['org-0', 'org-1', 'org-2', 'org-3'];

/** Random panels: memberships, conflicts, existing assignments (some by reviewers no longer on the panel). */
const scenario: fc.Arbitrary<Scenario> = fc
  .record({ applicationCount: fc.integer({ min: 0, max: 12 }), reviewerCount: fc.integer({ min: 0, max: 8 }) })
  .chain(({ applicationCount, reviewerCount }) => {
    const applicationIds = Array.from({ length: applicationCount }, (_, i) => `app-${i}`);
    const reviewerIds = Array.from({ length: reviewerCount }, (_, i) => `rev-${i}`);
    const reviewers = fc.tuple(
      ...reviewerIds.map((id) =>
        fc.record({
          id: fc.constant(id),
          currentLoad: fc.integer({ min: 0, max: 6 }),
          organizationIds: fc.subarray(organizationIds),
          conflictedApplicationIds: fc.subarray(applicationIds),
        }),
      ),
    );
    const applications = fc.tuple(
      ...applicationIds.map((id) =>
        fc.record({
          id: fc.constant(id),
          organizationId: fc.constantFrom(...organizationIds),
          existingReviewerIds: fc.subarray([...reviewerIds, 'rev-departed']),
        }),
      ),
    );
    return fc.record({ applications, reviewers, perApplication: fc.integer({ min: 0, max: 5 }) });
  });

/** Same shape with no memberships, conflicts or existing assignments, everyone at load 0. */
const unconstrained: fc.Arbitrary<Scenario> = fc
  .record({
    applicationCount: fc.integer({ min: 0, max: 30 }),
    reviewerCount: fc.integer({ min: 1, max: 10 }),
    perApplication: fc.integer({ min: 0, max: 6 }),
  })
  .map(({ applicationCount, reviewerCount, perApplication }) => ({
    applications: Array.from({ length: applicationCount }, (_, i) => ({
      id: `app-${i}`,
      organizationId: 'org-0',
      existingReviewerIds: [],
    })),
    reviewers: Array.from({ length: reviewerCount }, (_, i) => ({
      id: `rev-${i}`,
      currentLoad: 0,
      organizationIds: [],
      conflictedApplicationIds: [],
    })),
    perApplication,
  }));

function isEligible(application: AssignmentApplication, reviewer: AssignmentReviewer): boolean {
  return (
    !application.existingReviewerIds.includes(reviewer.id) &&
    !reviewer.organizationIds.includes(application.organizationId) &&
    !reviewer.conflictedApplicationIds.includes(application.id)
  );
}

function finalLoads({ reviewers }: Scenario, assignments: Array<{ reviewerId: string }>): number[] {
  return reviewers.map(
    (reviewer) => reviewer.currentLoad + assignments.filter((assignment) => assignment.reviewerId === reviewer.id).length,
  );
}

describe('planAssignments', () => {
  it('never assigns a reviewer who is already on, belongs to or is conflicted with the application', () => {
    fc.assert(
      fc.property(scenario, ({ applications, reviewers, perApplication }) => {
        const { assignments } = planAssignments(applications, reviewers, perApplication);
        for (const { applicationId, reviewerId } of assignments) {
          const application = applications.find((candidate) => candidate.id === applicationId);
          const reviewer = reviewers.find((candidate) => candidate.id === reviewerId);
          expect(application).toBeDefined();
          expect(reviewer).toBeDefined();
          expect(isEligible(application!, reviewer!)).toBe(true);
        }
        const pairs = assignments.map(({ applicationId, reviewerId }) => `${applicationId}/${reviewerId}`);
        expect(new Set(pairs).size).toBe(pairs.length);
      }),
    );
  });

  it('gives each application min(needed, eligible) reviewers and reports the rest as a shortfall', () => {
    fc.assert(
      fc.property(scenario, ({ applications, reviewers, perApplication }) => {
        const { assignments, shortfalls } = planAssignments(applications, reviewers, perApplication);
        for (const application of applications) {
          const needed = Math.max(0, perApplication - new Set(application.existingReviewerIds).size);
          const eligible = reviewers.filter((reviewer) => isEligible(application, reviewer)).length;
          const added = assignments.filter((assignment) => assignment.applicationId === application.id).length;
          expect(added).toBe(Math.min(needed, eligible));
          const shortfall = shortfalls.find((candidate) => candidate.applicationId === application.id);
          expect(shortfall?.missing ?? 0).toBe(Math.max(0, needed - eligible));
        }
      }),
    );
  });

  it('keeps final loads within one of each other when nothing constrains the choice', () => {
    fc.assert(
      fc.property(unconstrained, (input) => {
        const { assignments, shortfalls } = planAssignments(input.applications, input.reviewers, input.perApplication);
        const loads = finalLoads(input, assignments);
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
        const expectedShortfalls = input.perApplication > input.reviewers.length ? input.applications.length : 0;
        expect(shortfalls).toHaveLength(expectedShortfalls);
      }),
    );
  });

  it('does not depend on the order of its inputs', () => {
    fc.assert(
      fc.property(scenario, ({ applications, reviewers, perApplication }) => {
        const forward = planAssignments(applications, reviewers, perApplication);
        const backward = planAssignments([...applications].reverse(), [...reviewers].reverse(), perApplication);
        expect(backward).toEqual(forward);
      }),
    );
  });

  it('tops up, skips the applicant’s own members and conflicts, and favours the least loaded', () => {
    const reviewers: AssignmentReviewer[] = [
      { id: 'amara', currentLoad: 4, organizationIds: [], conflictedApplicationIds: [] },
      { id: 'benoit', currentLoad: 0, organizationIds: ['shelter'], conflictedApplicationIds: [] },
      { id: 'chloe', currentLoad: 1, organizationIds: [], conflictedApplicationIds: ['app-2'] },
      { id: 'dev', currentLoad: 1, organizationIds: [], conflictedApplicationIds: [] },
    ];
    const applications: AssignmentApplication[] = [
      // Eligible: chloe, dev (amara is already on it, benoit is a member).
      { id: 'app-1', organizationId: 'shelter', existingReviewerIds: ['amara'] },
      // Eligible: amara, benoit, dev (chloe declared a conflict).
      { id: 'app-2', organizationId: 'clinic', existingReviewerIds: [] },
    ];

    // app-1 goes first (2 eligible) and needs 1 more: chloe and dev tie at 1, chloe wins by id → 2.
    // app-2 then needs 2 of amara 4, benoit 0, dev 1: benoit, then dev.
    expect(planAssignments(applications, reviewers, 2)).toEqual({
      assignments: [
        { applicationId: 'app-1', reviewerId: 'chloe' },
        { applicationId: 'app-2', reviewerId: 'benoit' },
        { applicationId: 'app-2', reviewerId: 'dev' },
      ],
      shortfalls: [],
    });

    // Three each: app-1 has amara plus its two eligible, app-2 takes all three eligible; four each: one short on both.
    expect(planAssignments(applications, reviewers, 3).shortfalls).toEqual([]);
    expect(planAssignments(applications, reviewers, 4).shortfalls).toEqual([
      { applicationId: 'app-1', missing: 1 },
      { applicationId: 'app-2', missing: 1 },
    ]);
  });

  it('refuses a nonsensical target and duplicate ids', () => {
    expect(() => planAssignments([], [], -1)).toThrow(RangeError);
    expect(() => planAssignments([], [], 1.5)).toThrow(RangeError);
    const reviewer: AssignmentReviewer = { id: 'r', currentLoad: 0, organizationIds: [], conflictedApplicationIds: [] };
    expect(() => planAssignments([], [reviewer, reviewer], 1)).toThrow(RangeError);
  });
});
