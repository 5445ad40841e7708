import { HOLD_REASON, PaymentQuery } from '@grants/awards';
import { tooLong } from '../forms/field-rules';
import { FormBody, fieldList } from '../web-request';

export const HOLD_REASON_FIELD = 'hold-reason';
export const MAX_HOLD_REASON_LENGTH = HOLD_REASON.maxLength;

export type HoldReasonProblem = 'missing' | 'tooLong';

/** What is wrong with a hold's reason as typed (trimmed), if anything. */
export function holdReasonProblem(reason: string): HoldReasonProblem | null {
  if (reason === '') return 'missing';
  return tooLong(reason, HOLD_REASON) ? 'tooLong' : null;
}

/** The payments queue's tabs, in the order a payment goes through them. */
export const QUEUE_TABS = ['request', 'approve', 'record', 'paid'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

/** The service's query behind each tab. */
export const QUEUE_QUERIES: Record<QueueTab, Pick<PaymentQuery, 'status' | 'requestable'>> = {
  request: { status: 'scheduled', requestable: true },
  approve: { status: 'requested' },
  record: { status: 'approved' },
  paid: { status: 'paid' },
};

/** The tab an address asks for; none (or one that is not a tab) gives `fallback`. */
export function queueTabOf(show: unknown, fallback: QueueTab): QueueTab {
  return typeof show === 'string' && (QUEUE_TABS as readonly string[]).includes(show) ? (show as QueueTab) : fallback;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** As many as the API takes at once (MAX_BULK_APPROVALS); a page lists far fewer. */
const MAX_SELECTED = 100;

/** The payments ticked for approval: identifiers only (anything else is no payment of this page), at most as many as the API takes. */
export function selectedPayments(body: FormBody): string[] {
  return fieldList(body, 'paymentIds').filter((id) => UUID.test(id)).slice(0, MAX_SELECTED);
}
