import { ApplicationStatus, statusViewerOf } from '@grants/applications';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';

/**
 * The words for an application's status, for the one reading the page: staff have the office's
 * words ("Submitted: to be screened"), an organization its own ("Received"). Which status each
 * sees is the service's (statusSeenBy): an organization is told "Approved: decision sent" only once
 * the decision has been sent.
 */
export function statusWords(page: Pick<PageContext, 't' | 'actor'>, status: ApplicationStatus): string {
  return page.t((statusViewerOf(page.actor) === 'staff' ? `status.staff.${status}` : `status.${status}`) as MessageKey);
}
