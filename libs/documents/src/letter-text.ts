import { formatDate, formatInstant, formatMoney, OfficeContact, OfficialLanguage } from '@grants/core';
import { AwardLetterContent, DeclineLetterContent, LetterContent } from './letter-content';
import { PageFooter } from './page-footer';

/** A piece of a line; strong pieces are set in bold. */
export interface Span {
  text: string;
  strong?: boolean;
}

export type LetterBlock =
  /** The program and fund the letter comes from, above everything else. */
  | { kind: 'masthead'; lines: string[] }
  | { kind: 'heading'; level: 1 | 2; text: string }
  /** Lines each start on a new line: an address, a list of details, a paragraph the user typed. */
  | { kind: 'paragraph'; lines: Span[][] }
  | { kind: 'link'; url: string }
  | TableBlock
  | SignatureBlock;

export interface TableBlock {
  kind: 'table';
  columns: TableColumn[];
  rows: string[][];
  /** A last row that sums up the others, e.g. the total of the payments. */
  total: string[] | null;
}

/** Kept together on one page. */
export interface SignatureBlock {
  kind: 'signature';
  signOff: string;
  name: string;
  role: string;
}

export interface TableColumn {
  header: string;
  align: 'left' | 'right';
}

/** What a letter says, in its language, laid out as blocks in reading order: plain data, so it can be sent to a render thread. */
export interface LetterText {
  lang: 'en-CA' | 'fr-CA';
  title: string;
  author: string;
  subject: string;
  blocks: LetterBlock[];
  /** The line at the foot of each page, e.g. `CBSF-2026-00042 – page 1 of 2`. */
  pageFooter: PageFooter;
}

interface Wording {
  lang: LetterText['lang'];
  author: string;
  program: string;
  /** `Fund: ` in English, `Fonds : ` in French (no-break space before the colon). */
  label(name: string): string;
  greeting(legalName: string): string;
  /** `page 1 of 2`: the words before the page number and before the number of pages. */
  pageOf: { page: string; of: string };
  details: { reference: string; fund: string; call: string; project: string; approvedAmount: string };
  closingQuestions(contact: OfficeContact | undefined): string;
  signOff: string;
  officerRole: string;
  award: {
    title(referenceNumber: string): string;
    heading: string;
    opening(applicationTitle: string): string;
    conditionsHeading: string;
    conditionsIntro: string;
    paymentsHeading: string;
    paymentsIntro: string;
    paymentColumns: [fiscalYear: string, paidOn: string, amount: string];
    total: string;
    reportsHeading: string;
    reportsIntro: string;
    reportColumns: [report: string, fiscalYear: string, dueOn: string];
    reportKind: Record<'interim' | 'final', string>;
    acceptHeading: string;
    acceptHow: string;
    acceptBy(instant: string): string;
    closing: string;
  };
  decline: {
    title(referenceNumber: string): string;
    heading: string;
    opening(applicationTitle: string): string;
    decision: string;
    feedbackHeading: string;
    feedbackIntro: string;
    closing: string;
  };
}

export const NBSP = '\u00a0';

const WORDING: Record<OfficialLanguage, Wording> = {
  en: {
    lang: 'en-CA',
    author: 'Government of Ontario',
    program: 'Ontario’s Strategy to End Human Trafficking',
    label: (name) => `${name}: `,
    greeting: (legalName) => `Dear team at ${legalName},`,
    pageOf: { page: 'page ', of: ' of ' },
    details: { reference: 'Reference number', fund: 'Fund', call: 'Call for proposals', project: 'Project', approvedAmount: 'Approved amount' },
    closingQuestions: (contact) =>
      `If you have any questions about this letter, please get in touch${contact ? `: write to ${contact.email} or call ${contact.phone}` : ''}. We are glad to help.`,
    signOff: 'Sincerely,',
    officerRole: 'Fund officer',
    award: {
      title: (referenceNumber) => `Award letter: ${referenceNumber}`,
      heading: 'Your funding is approved',
      opening: (applicationTitle) =>
        `Thank you for the work you do to support survivors and to prevent human trafficking in your community. We are pleased to let you know that your application “${applicationTitle}” has been approved for funding.`,
      conditionsHeading: 'Conditions of the funding',
      conditionsIntro: 'This funding comes with the following conditions:',
      paymentsHeading: 'Payment schedule',
      paymentsIntro: 'We will pay the funding on the following schedule. Ontario’s fiscal year runs from April 1 to March 31.',
      paymentColumns: ['Fiscal year', 'Payment date', 'Amount'],
      total: 'Total',
      reportsHeading: 'Reports',
      reportsIntro:
        'Your reports help us see the difference this funding makes in your community and account for the use of public funds. Please submit them by these dates:',
      reportColumns: ['Report', 'Fiscal year', 'Due date'],
      reportKind: { interim: 'Interim report', final: 'Final report' },
      acceptHeading: 'How to accept this funding',
      acceptHow: 'To accept the funding, an owner of your organization’s account signs in and accepts the award at this address:',
      acceptBy: (instant) =>
        `Please accept by ${instant} (Ontario time). If the award is not accepted by then, the offer will lapse. On the same page, you can also let us know if your organization decides not to go ahead.`,
      closing: 'Congratulations, and thank you for your commitment to ending human trafficking in Ontario.',
    },
    decline: {
      title: (referenceNumber) => `Decision letter: ${referenceNumber}`,
      heading: 'Decision on your application',
      opening: (applicationTitle) =>
        `Thank you for your application “${applicationTitle}” and for the care you put into it. We know how much work an application takes, and we are grateful for all you do to support survivors and to prevent human trafficking in your community.`,
      decision:
        'After careful review, we are sorry to let you know that we are not able to fund this application. This decision is not a judgment on the value of your organization’s work.',
      feedbackHeading: 'Feedback on your application',
      feedbackIntro: 'Here is feedback from the review, which we hope will be helpful:',
      closing: 'We hope you will consider applying to future calls for proposals.',
    },
  },
  fr: {
    lang: 'fr-CA',
    author: 'Gouvernement de l’Ontario',
    program: 'Stratégie de l’Ontario pour mettre fin à la traite des personnes',
    label: (name) => `${name}${NBSP}: `,
    // After « de », a name starting with an article would need du/des, so the greeting leaves it out.
    greeting: () => 'Bonjour à toute l’équipe,',
    pageOf: { page: 'page ', of: ' de ' },
    details: {
      reference: 'Numéro de référence',
      fund: 'Fonds',
      call: 'Appel de propositions',
      project: 'Projet',
      approvedAmount: 'Montant approuvé',
    },
    closingQuestions: (contact) =>
      `Pour toute question au sujet de cette lettre, n’hésitez pas à communiquer avec nous${contact ? `${NBSP}: écrivez à ${contact.email} ou composez le ${contact.phone}` : ''}. C’est avec plaisir que nous vous aiderons.`,
    signOff: 'Cordialement,',
    officerRole: 'Agente ou agent du fonds',
    award: {
      title: (referenceNumber) => `Lettre d’octroi${NBSP}: ${referenceNumber}`,
      heading: 'Votre financement est approuvé',
      opening: (applicationTitle) =>
        `Merci pour le travail que vous accomplissez pour soutenir les personnes survivantes et prévenir la traite des personnes dans votre communauté. Nous avons le plaisir de vous annoncer que votre demande «${NBSP}${applicationTitle}${NBSP}» a été approuvée.`,
      conditionsHeading: 'Conditions du financement',
      conditionsIntro: `Ce financement est assorti des conditions suivantes${NBSP}:`,
      paymentsHeading: 'Calendrier des paiements',
      paymentsIntro: 'Le financement sera versé selon le calendrier suivant. L’exercice financier de l’Ontario va du 1er avril au 31 mars.',
      paymentColumns: ['Exercice financier', 'Date du paiement', 'Montant'],
      total: 'Total',
      reportsHeading: 'Rapports',
      reportsIntro: `Vos rapports nous aident à mesurer les retombées de ce financement dans votre communauté et à rendre compte de l’utilisation des fonds publics. Veuillez les remettre au plus tard aux dates suivantes${NBSP}:`,
      reportColumns: ['Rapport', 'Exercice financier', 'Date limite'],
      reportKind: { interim: 'Rapport provisoire', final: 'Rapport final' },
      acceptHeading: 'Comment accepter ce financement',
      acceptHow: `Pour accepter le financement, une personne propriétaire du compte de votre organisme se connecte et accepte la subvention à l’adresse suivante${NBSP}:`,
      acceptBy: (instant) =>
        `Veuillez l’accepter au plus tard le ${instant} (heure de l’Ontario). Sans acceptation d’ici là, l’offre prendra fin. Sur la même page, vous pouvez aussi nous indiquer que votre organisme choisit de ne pas aller de l’avant.`,
      closing: 'Félicitations, et merci de votre engagement à mettre fin à la traite des personnes en Ontario.',
    },
    decline: {
      title: (referenceNumber) => `Lettre de décision${NBSP}: ${referenceNumber}`,
      heading: 'Décision concernant votre demande',
      opening: (applicationTitle) =>
        `Merci pour votre demande «${NBSP}${applicationTitle}${NBSP}» et pour le soin que vous y avez consacré. Nous savons qu’une demande représente beaucoup de travail, et nous vous sommes reconnaissants de tout ce que vous faites pour soutenir les personnes survivantes et prévenir la traite des personnes dans votre communauté.`,
      decision:
        'Après un examen attentif, nous avons le regret de vous informer que nous ne sommes pas en mesure de financer cette demande. Cette décision ne remet pas en question la valeur du travail de votre organisme.',
      feedbackHeading: 'Commentaires sur votre demande',
      feedbackIntro: `Voici des commentaires issus de l’évaluation, qui vous seront utiles, nous l’espérons${NBSP}:`,
      closing: 'Nous espérons que vous présenterez une demande dans le cadre de prochains appels de propositions.',
    },
  },
};

/** The words every document of the program shares (masthead, author, labels, page numbers), for the submission too. */
export type SharedWording = Pick<Wording, 'lang' | 'author' | 'program' | 'label' | 'pageOf' | 'details'>;

export function sharedWording(locale: OfficialLanguage): SharedWording {
  return WORDING[locale];
}

/** A document's metadata and page footer (`<lead>page 1 of 2`), the fund and call as its subject: for the documents other than letters. */
export function documentFrame(shared: SharedWording, frame: { title: string; fundName: string; callTitle: string; footerLead: string }): Omit<LetterText, 'blocks'> {
  return {
    lang: shared.lang,
    title: frame.title,
    author: shared.author,
    subject: `${frame.fundName} – ${frame.callTitle}`,
    pageFooter: { beforePage: `${frame.footerLead}${shared.pageOf.page}`, beforeCount: shared.pageOf.of },
  };
}

/** The wording of a decision letter, in the organization's language. */
export function letterText(content: LetterContent): LetterText {
  return content.kind === 'award' ? awardLetterText(content) : declineLetterText(content);
}

function awardLetterText(content: AwardLetterContent): LetterText {
  const wording = WORDING[content.locale];
  const { award } = wording;
  return {
    ...metadata(content, wording, award.title(content.referenceNumber)),
    blocks: [
      ...letterhead(content, wording),
      { kind: 'heading', level: 1, text: award.heading },
      plain(wording.greeting(content.organization.legalName)),
      plain(award.opening(content.applicationTitle)),
      details(content, wording, [[wording.details.approvedAmount, formatMoney(content.locale, content.approvedCents)]]),
      ...conditions(content, wording),
      ...payments(content, wording),
      ...reports(content, wording),
      { kind: 'heading', level: 2, text: award.acceptHeading },
      plain(award.acceptHow),
      { kind: 'link', url: content.acceptUrl },
      plain(award.acceptBy(formatInstant(content.locale, content.acceptBy))),
      plain(award.closing, wording.closingQuestions(content.contact)),
      signature(content, wording),
    ],
  };
}

function declineLetterText(content: DeclineLetterContent): LetterText {
  const wording = WORDING[content.locale];
  const { decline } = wording;
  const feedback = content.feedback === null ? [] : userParagraphs(content.feedback);
  return {
    ...metadata(content, wording, decline.title(content.referenceNumber)),
    blocks: [
      ...letterhead(content, wording),
      { kind: 'heading', level: 1, text: decline.heading },
      plain(wording.greeting(content.organization.legalName)),
      plain(decline.opening(content.applicationTitle)),
      details(content, wording, []),
      plain(decline.decision),
      ...(feedback.length > 0 ? [{ kind: 'heading', level: 2, text: decline.feedbackHeading } as const, plain(decline.feedbackIntro), ...feedback] : []),
      plain(decline.closing, wording.closingQuestions(content.contact)),
      signature(content, wording),
    ],
  };
}

function metadata(content: LetterContent, wording: Wording, title: string): Omit<LetterText, 'blocks'> {
  return {
    lang: wording.lang,
    title,
    author: wording.author,
    subject: `${content.fundName} – ${content.callTitle}`,
    pageFooter: { beforePage: `${content.referenceNumber} – ${wording.pageOf.page}`, beforeCount: wording.pageOf.of },
  };
}

function letterhead(content: LetterContent, wording: Wording): LetterBlock[] {
  const { organization } = content;
  return [
    { kind: 'masthead', lines: [wording.program, content.fundName] },
    plain(formatDate(content.locale, ontarioDate(content.issuedAt))),
    lines([organization.legalName, organization.addressLine1, `${organization.addressCity} ${organization.addressPostalCode}`]),
  ];
}

function details(content: LetterContent, wording: Wording, more: Array<[label: string, value: string]>): LetterBlock {
  const rows: Array<[string, string]> = [
    [wording.details.reference, content.referenceNumber],
    [wording.details.fund, content.fundName],
    [wording.details.call, content.callTitle],
    [wording.details.project, content.applicationTitle],
    ...more,
  ];
  return { kind: 'paragraph', lines: rows.map(([label, value]) => [{ text: wording.label(label), strong: true }, { text: value }]) };
}

function conditions(content: AwardLetterContent, wording: Wording): LetterBlock[] {
  const paragraphs = userParagraphs(content.conditions);
  if (paragraphs.length === 0) return [];
  return [{ kind: 'heading', level: 2, text: wording.award.conditionsHeading }, plain(wording.award.conditionsIntro), ...paragraphs];
}

function payments(content: AwardLetterContent, wording: Wording): LetterBlock[] {
  if (content.payments.length === 0) return [];
  const { award } = wording;
  const money = (cents: number) => formatMoney(content.locale, cents);
  const total = content.payments.reduce((sum, payment) => sum + payment.amountCents, 0);
  return [
    { kind: 'heading', level: 2, text: award.paymentsHeading },
    plain(award.paymentsIntro),
    {
      kind: 'table',
      columns: columns(award.paymentColumns, ['left', 'left', 'right']),
      rows: content.payments.map((payment) => [payment.fiscalYear, formatDate(content.locale, payment.dueOn), money(payment.amountCents)]),
      total: [award.total, '', money(total)],
    },
  ];
}

function reports(content: AwardLetterContent, wording: Wording): LetterBlock[] {
  if (content.reports.length === 0) return [];
  const { award } = wording;
  return [
    { kind: 'heading', level: 2, text: award.reportsHeading },
    plain(award.reportsIntro),
    {
      kind: 'table',
      columns: columns(award.reportColumns, ['left', 'left', 'left']),
      rows: content.reports.map((report) => [award.reportKind[report.kind], report.period, formatDate(content.locale, report.dueOn)]),
      total: null,
    },
  ];
}

function signature(content: LetterContent, wording: Wording): LetterBlock {
  return { kind: 'signature', signOff: wording.signOff, name: content.officerName, role: wording.officerRole };
}

export function columns(headers: readonly string[], aligns: ReadonlyArray<TableColumn['align']>): TableColumn[] {
  return headers.map((header, index) => ({ header, align: aligns[index] ?? 'left' }));
}

/** A paragraph of the letter's own wording; sentences given apart are joined. */
export function plain(...texts: string[]): LetterBlock {
  return { kind: 'paragraph', lines: [[{ text: texts.join(' ') }]] };
}

export function lines(texts: string[]): LetterBlock {
  return { kind: 'paragraph', lines: texts.map((text) => [{ text }]) };
}

/** Text a person typed: blank lines separate paragraphs, single line breaks are kept. */
export function userParagraphs(text: string): LetterBlock[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/^\s*\n/, '').trimEnd())
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => lines(paragraph.split('\n')));
}

/** The calendar date (`YYYY-MM-DD`) an instant falls on in Ontario. */
export function ontarioDate(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'America/Toronto' }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}
