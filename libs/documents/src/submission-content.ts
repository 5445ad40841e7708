import { OfficialLanguage } from '@grants/core';

/** The budget categories an application's lines are filed under (the applications library's list). */
export type SubmittedBudgetCategory =
  | 'personnel'
  | 'program_delivery'
  | 'participant_support'
  | 'training'
  | 'travel'
  | 'equipment'
  | 'administration'
  | 'evaluation'
  | 'other';

/** An answer as it was sent, typed so that the document words it in its language. */
export type SubmittedAnswer =
  | { kind: 'none' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  /** A calendar date, `YYYY-MM-DD`. */
  | { kind: 'date'; isoDate: string }
  | { kind: 'yesno'; value: boolean }
  /** The labels of the options chosen, in the document's language. */
  | { kind: 'choices'; labels: string[] };

/** One submitted version of an application, already chosen for the organization's language. */
export interface SubmissionContent {
  locale: OfficialLanguage;
  /** The fund's name and the call's title, in the document's language. */
  fundName: string;
  callTitle: string;
  organizationName: string;
  referenceNumber: string;
  version: number;
  submittedAt: Date;
  title: string;
  summary: string;
  /** The call's form, section by section, each question with its answer. */
  sections: Array<{ title: string; questions: Array<{ label: string; answer: SubmittedAnswer }> }>;
  budget: Array<{ fiscalYear: string; category: SubmittedBudgetCategory | null; description: string; amountCents: number }>;
  requestedCents: number;
  /** What each document is for (the call's label), its file name and size. */
  attachments: Array<{ label: string; filename: string; sizeBytes: number }>;
}
