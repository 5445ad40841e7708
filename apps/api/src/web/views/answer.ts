import type { AttachmentView } from '@grants/applications';
import type { Call, Question } from '@grants/calls';
import { formatDate, formatFileSize, OfficialLanguage } from '@grants/core';
import { html, SafeHtml } from '@grants/notifications';

/** What an answer page says for no answer, yes and no, in the area's own words. */
export interface AnswerWords {
  none: string;
  yes: string;
  no: string;
}

/** An applicant's answer in the page's language: choices by their label, numbers and dates as the language writes them. */
export function answerText(locale: OfficialLanguage, question: Question, value: unknown, words: AnswerWords): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return words.none;
  const optionLabel = (choice: unknown): string => question.options?.find((option) => option.value === choice)?.label[locale] ?? String(choice);
  switch (question.type) {
    case 'number':
      return typeof value === 'number' ? new Intl.NumberFormat(locale === 'fr' ? 'fr-CA' : 'en-CA').format(value) : String(value);
    case 'choice':
      return optionLabel(value);
    case 'multichoice':
      return Array.isArray(value) ? value.map(optionLabel).join(', ') : optionLabel(value);
    case 'yesno':
      return value === true ? words.yes : value === false ? words.no : String(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(locale, value) : String(value);
    default:
      return String(value);
  }
}

/**
 * The documents an application carries, each by the call's label for it and a link that downloads
 * it (the API decides who may: members, officers, a reviewer who declared no conflict), with its size.
 */
export function attachmentList(
  locale: OfficialLanguage,
  call: Pick<Call, 'requiredAttachments'>,
  applicationId: string,
  attachments: ReadonlyArray<Pick<AttachmentView, 'id' | 'key' | 'filename' | 'sizeBytes'>>,
  none: string,
): SafeHtml {
  if (attachments.length === 0) return html`<p>${none}</p>`;
  const labels = new Map((call.requiredAttachments ?? []).map((attachment) => [attachment.key, attachment.label[locale]]));
  return html`<ul>${attachments.map(
    (attachment) =>
      html`<li>${labels.get(attachment.key) ?? attachment.key}: <a href="/api/v1/applications/${applicationId}/attachments/${attachment.id}">${attachment.filename}</a> (${formatFileSize(locale, attachment.sizeBytes)})</li>`,
  )}</ul>`;
}
