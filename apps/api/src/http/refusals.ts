/** How the OpenAPI document describes refusals shared by many routes. */
export const STAFF_CONFLICT_REFUSAL = 'STAFF_CONFLICT: you belong to the applicant organization (details.reason "member") or declared a conflict of interest with it ("declared")';
