import { Actor, hasRole } from '@grants/identity';
import { ApplicationStatus } from '../application.entity';

/** Who is looking: staff (officers) see an application as it is; its organization, as told. */
export type StatusViewer = 'staff' | 'organization';

/**
 * Officers read applications as staff; everyone else (members, reviewers) as the organization is told.
 * An officer who belongs to the application's organization reads it as the organization: the
 * decision is not theirs to learn before it is released.
 */
export function statusViewerOf(actor: Actor | null, memberOfOrganization = false): StatusViewer {
  return actor && hasRole(actor, 'officer') && !memberOfOrganization ? 'staff' : 'organization';
}

/**
 * The one rule of which status a viewer sees. A decision is the office's until it is released:
 * until then its organization sees "in review". Staff see the decision at once.
 */
export function statusSeenBy(viewer: StatusViewer, status: ApplicationStatus, decisionReleased: boolean): ApplicationStatus {
  if (viewer === 'staff' || decisionReleased) return status;
  return status === 'approved' || status === 'declined' ? 'in_review' : status;
}

/**
 * statusSeenBy in SQL, for lists and filters over `application` (aliased `application`). For staff, the
 * rows of organizations they belong to are seen as the organization sees them: pass the parameter that
 * holds their user id (`:viewerId`).
 */
export function statusSeenBySql(viewer: StatusViewer, staffIdParameter?: string): string {
  if (viewer === 'staff') {
    if (!staffIdParameter) return 'application.status';
    return `CASE WHEN EXISTS (SELECT 1 FROM organization_member m WHERE m.organization_id = application.organization_id AND m.user_id = :${staffIdParameter})
  THEN ${statusSeenBySql('organization')} ELSE application.status END`;
  }
  return `CASE WHEN application.status IN ('approved', 'declined') AND NOT EXISTS (
  SELECT 1 FROM application_decision d WHERE d.application_id = application.id AND d.released_at IS NOT NULL) THEN 'in_review' ELSE application.status END`;
}
