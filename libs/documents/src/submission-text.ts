import { formatDate, formatFileSize, formatInstant, formatMoney, OfficialLanguage } from '@grants/core';
import { columns, documentFrame, LetterBlock, LetterText, NBSP, plain, sharedWording, userParagraphs } from './letter-text';
import { SubmissionContent, SubmittedAnswer, SubmittedBudgetCategory } from './submission-content';
import { BUDGET_CATEGORY_WORDS } from './budget-categories';

interface SubmissionWording {
  title(referenceNumber: string, version: number): string;
  heading: string;
  details: { organization: string; version: string; submittedAt: string };
  project: { heading: string; title: string; summary: string };
  none: string;
  yes: string;
  no: string;
  budget: {
    heading: string;
    intro: string;
    columns: [fiscalYear: string, category: string, description: string, amount: string];
    total: string;
    none: string;
    categories: Record<SubmittedBudgetCategory, string>;
  };
  attachments: { heading: string; columns: [document: string, filename: string, size: string]; none: string };
  /** What comes before `page 1 of 2` at the foot of each page. */
  pageFooterLead(referenceNumber: string, version: number): string;
}

const WORDING: Record<OfficialLanguage, SubmissionWording> = {
  en: {
    title: (referenceNumber, version) => `Application ${referenceNumber}, version ${version}`,
    heading: 'Application as submitted',
    details: { organization: 'Organization', version: 'Version', submittedAt: 'Submitted on' },
    project: { heading: 'Project', title: 'Title', summary: 'Summary' },
    none: 'No answer',
    yes: 'Yes',
    no: 'No',
    budget: {
      heading: 'Budget',
      intro: 'Amounts by Ontario fiscal year, which runs from April 1 to March 31.',
      columns: ['Fiscal year', 'Category', 'Description', 'Amount'],
      total: 'Total requested',
      none: 'No budget line.',
      categories: BUDGET_CATEGORY_WORDS.en,
    },
    attachments: { heading: 'Attachments', columns: ['Document', 'File name', 'Size'], none: 'No attachment.' },
    pageFooterLead: (referenceNumber, version) => `${referenceNumber}, version ${version} – `,
  },
  fr: {
    title: (referenceNumber, version) => `Demande ${referenceNumber}, version ${version}`,
    heading: 'Demande telle que soumise',
    details: { organization: 'Organisme', version: 'Version', submittedAt: 'Date de soumission' },
    project: { heading: 'Projet', title: 'Titre', summary: 'Résumé' },
    none: 'Aucune réponse',
    yes: 'Oui',
    no: 'Non',
    budget: {
      heading: 'Budget',
      intro: 'Montants par exercice financier de l’Ontario, qui va du 1er avril au 31 mars.',
      columns: ['Exercice financier', 'Catégorie', 'Description', 'Montant'],
      total: 'Total demandé',
      none: 'Aucune ligne budgétaire.',
      categories: BUDGET_CATEGORY_WORDS.fr,
    },
    attachments: { heading: 'Pièces jointes', columns: ['Document', 'Nom du fichier', 'Taille'], none: 'Aucune pièce jointe.' },
    pageFooterLead: (referenceNumber, version) => `${referenceNumber}, version${NBSP}${version} – `,
  },
};

/** The wording of one submitted version, in the organization's language, as the letters' blocks. */
export function submissionText(content: SubmissionContent): LetterText {
  const shared = sharedWording(content.locale);
  const wording = WORDING[content.locale];
  const project = {
    title: wording.project.heading,
    questions: [
      { label: wording.project.title, answer: typed(content.title) },
      { label: wording.project.summary, answer: typed(content.summary) },
    ],
  };
  return {
    ...documentFrame(shared, { title: wording.title(content.referenceNumber, content.version), fundName: content.fundName, callTitle: content.callTitle, footerLead: wording.pageFooterLead(content.referenceNumber, content.version) }),
    blocks: [
      { kind: 'masthead', lines: [shared.program, content.fundName] },
      { kind: 'heading', level: 1, text: wording.heading },
      {
        kind: 'paragraph',
        lines: [
          [shared.details.reference, content.referenceNumber],
          [wording.details.version, String(content.version)],
          [wording.details.submittedAt, formatInstant(content.locale, content.submittedAt)],
          [wording.details.organization, content.organizationName],
          [shared.details.fund, content.fundName],
          [shared.details.call, content.callTitle],
        ].map(([label, value]) => [{ text: shared.label(label!), strong: true }, { text: value! }]),
      },
      ...[project, ...content.sections].flatMap((section) => [
        { kind: 'heading', level: 2, text: section.title } as const,
        ...section.questions.flatMap((question) => questionBlocks(content.locale, wording, question.label, question.answer)),
      ]),
      ...budget(content, wording),
      ...attachments(content, wording),
    ],
  };
}

/** The question in bold, then the answer on the next line; a long answer keeps its paragraphs. */
function questionBlocks(locale: OfficialLanguage, wording: SubmissionWording, label: string, answer: SubmittedAnswer): LetterBlock[] {
  const [first, ...rest] = answer.kind === 'text' ? userParagraphs(answer.text) : [];
  const answerLines = first?.kind === 'paragraph' ? first.lines : [[{ text: answerWords(locale, wording, answer) }]];
  return [{ kind: 'paragraph', lines: [[{ text: label, strong: true }], ...answerLines] }, ...rest];
}

function answerWords(locale: OfficialLanguage, wording: SubmissionWording, answer: SubmittedAnswer): string {
  switch (answer.kind) {
    case 'number':
      return new Intl.NumberFormat(sharedWording(locale).lang).format(answer.value);
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(answer.isoDate) ? formatDate(locale, answer.isoDate) : answer.isoDate;
    case 'yesno':
      return answer.value ? wording.yes : wording.no;
    case 'choices':
      return answer.labels.length > 0 ? answer.labels.join(', ') : wording.none;
    // A text answer reaches here only when it is blank.
    case 'text':
    case 'none':
      return wording.none;
  }
}

function budget(content: SubmissionContent, wording: SubmissionWording): LetterBlock[] {
  const { budget: words } = wording;
  const money = (cents: number) => formatMoney(content.locale, cents);
  if (content.budget.length === 0) return [{ kind: 'heading', level: 2, text: words.heading }, plain(words.none)];
  return [
    { kind: 'heading', level: 2, text: words.heading },
    plain(words.intro),
    {
      kind: 'table',
      columns: columns(words.columns, ['left', 'left', 'left', 'right']),
      rows: content.budget.map((line) => [line.fiscalYear, line.category ? words.categories[line.category] : '', line.description, money(line.amountCents)]),
      total: [words.total, '', '', money(content.requestedCents)],
    },
  ];
}

function attachments(content: SubmissionContent, wording: SubmissionWording): LetterBlock[] {
  const { attachments: words } = wording;
  if (content.attachments.length === 0) return [{ kind: 'heading', level: 2, text: words.heading }, plain(words.none)];
  return [
    { kind: 'heading', level: 2, text: words.heading },
    {
      kind: 'table',
      columns: columns(words.columns, ['left', 'left', 'right']),
      rows: content.attachments.map((attachment) => [attachment.label, attachment.filename, formatFileSize(content.locale, attachment.sizeBytes)]),
      total: null,
    },
  ];
}

function typed(text: string): SubmittedAnswer {
  return { kind: 'text', text };
}
