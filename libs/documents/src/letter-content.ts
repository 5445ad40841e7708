import { OfficeContact, OfficialLanguage } from '@grants/core';

/** What every decision letter says, already chosen for the organization's language. */
interface LetterBase {
  locale: OfficialLanguage;
  /** When the letter is issued (the release). Shown as a date in Ontario time. */
  issuedAt: Date;
  organization: {
    legalName: string;
    addressLine1: string;
    addressCity: string;
    addressPostalCode: string;
  };
  referenceNumber: string;
  /** The fund's name and the call's title, in the letter's language. */
  fundName: string;
  callTitle: string;
  /** The application's title as the organization typed it. */
  applicationTitle: string;
  /** The fund officer who decided; signs the letter. */
  officerName: string;
  /** The program office (configured), given where the letter invites questions. */
  contact?: OfficeContact;
}

export interface AwardLetterContent extends LetterBase {
  kind: 'award';
  approvedCents: number;
  /** Conditions of the award as the officer wrote them; may be empty. */
  conditions: string;
  /** The payment schedule by Ontario fiscal year; amounts add up to approvedCents. */
  payments: Array<{ fiscalYear: string; amountCents: number; dueOn: string }>;
  /** Reports the organization owes, with due dates (`YYYY-MM-DD`). */
  reports: Array<{ kind: 'interim' | 'final'; period: string; dueOn: string }>;
  /** The offer lapses at this instant unless an owner accepts it. */
  acceptBy: Date;
  /** Where an owner accepts (or declines) the award. */
  acceptUrl: string;
}

export interface DeclineLetterContent extends LetterBase {
  kind: 'decline';
  /** Feedback the officer chose to share with the organization; null when none was written. */
  feedback: string | null;
}

export type LetterContent = AwardLetterContent | DeclineLetterContent;
