import { formatDate, formatMoney, OfficialLanguage } from '@grants/core';
import { AgreementContent, AgreementSchedules } from './agreement-content';
import { BUDGET_CATEGORY_WORDS } from './budget-categories';
import { columns, documentFrame, LetterBlock, LetterText, lines, NBSP, ontarioDate, plain, sharedWording, SharedWording, Span, userParagraphs } from './letter-text';

type Instalment = AgreementSchedules['e']['instalments'][number];

interface AgreementWording {
  title(referenceNumber: string, version: number): string;
  heading: string;
  version(version: number, amendment: boolean): string;
  amendmentReason: string;
  parties: {
    heading: string;
    intro: string;
    province: string;
    and: string;
    operatingName: string;
    businessNumber: string;
    noBusinessNumber: string;
    recipient: string;
  };
  preparedOn: string;
  schedulesIntro: string;
  a: { heading: string; intro(termsVersion: string): string };
  b: { heading: string; intro: string; none: string };
  c: { heading: string; title: string; startsOn: string; endsOn: string; description: string; measuresIntro: string; noMeasures: string };
  d: { heading: string; intro: string; columns: [fiscalYear: string, category: string, amount: string]; flexibility: string; none: string };
  e: {
    heading: string;
    intro: string;
    columns: [fiscalYear: string, date: string, condition: string, amount: string];
    condition: Record<Instalment['condition'], string>;
    holdback(percent: string, amount: string): string;
  };
  f: { heading: string; intro: string; columns: [report: string, fiscalYear: string, dueOn: string]; kind: Record<'interim' | 'final', string>; none: string };
  signatures: { heading: string; execution: string; signersIntro: string; noSigners: string };
  total: string;
  /** What comes before `page 1 of 3` at the foot of each page. */
  pageFooterLead(referenceNumber: string, version: number): string;
}

const WORDING: Record<OfficialLanguage, AgreementWording> = {
  en: {
    title: (referenceNumber, version) => `Transfer Payment Agreement ${referenceNumber}, version ${version}`,
    heading: 'Transfer Payment Agreement',
    version: (version, amendment) => `Version ${version}${amendment ? ' – amendment' : ''}`,
    amendmentReason: 'Reason for this amendment',
    parties: {
      heading: 'The parties',
      intro: 'This agreement is made between:',
      province: 'His Majesty the King in right of Ontario, as represented by the Minister of Children, Community and Social Services (the “Province”)',
      and: 'and',
      operatingName: 'Operating as',
      businessNumber: 'Business Number',
      noBusinessNumber: 'No Business Number (the organization has stated why it has none)',
      recipient: '(the “Recipient”)',
    },
    preparedOn: 'Prepared on',
    schedulesIntro:
      'The agreement is made up of this page and schedules A to F below. Ontario’s fiscal year runs from April 1 to March 31.',
    a: {
      heading: 'Schedule A – General terms and conditions',
      intro: (termsVersion) => `These are the fund’s general terms and conditions, version ${termsVersion}.`,
    },
    b: {
      heading: 'Schedule B – Project-specific provisions',
      intro: 'These provisions apply to this project, in addition to schedule A:',
      none: 'There are no project-specific provisions: schedule A applies as written.',
    },
    c: {
      heading: 'Schedule C – The project',
      title: 'Project title',
      startsOn: 'Start date',
      endsOn: 'End date',
      description: 'Description',
      measuresIntro: 'The reports count the following. They give numbers only, never personal information about survivors:',
      noMeasures: 'No outcome measures are set for this project.',
    },
    d: {
      heading: 'Schedule D – Budget',
      intro: 'The funds by fiscal year and budget category:',
      columns: ['Fiscal year', 'Category', 'Amount'],
      flexibility: `Within a fiscal year, the Recipient may move funds between budget lines without an amendment, as long as no line drops by more than 10% or rises by more than 20%, and no funds move into “${BUDGET_CATEGORY_WORDS.en.administration}” or “${BUDGET_CATEGORY_WORDS.en.other}”. Any other change needs an amendment to this agreement.`,
      none: 'No budget line.',
    },
    e: {
      heading: 'Schedule E – Payment plan',
      intro: 'The Province pays the funds in these instalments. No payment is made before this agreement is executed.',
      columns: ['Fiscal year', 'Planned date', 'Condition', 'Amount'],
      condition: { execution: 'On execution of this agreement', prior_report: 'After the report for the previous fiscal year is accepted' },
      holdback: (percent, amount) => `${percent} (${amount}) of the last instalment is held back until the Province accepts the final report.`,
    },
    f: {
      heading: 'Schedule F – Reports',
      intro:
        'The Recipient submits these reports in the grants system by their due dates. Each gives spending by budget line against schedule D, and the outcome measures in schedule C.',
      columns: ['Report', 'Fiscal year', 'Due date'],
      kind: { interim: 'Interim report', final: 'Final report' },
      none: 'No report is due under this agreement.',
    },
    signatures: {
      heading: 'Signatures',
      execution:
        'This agreement is executed when the Recipient’s signing authority has signed it electronically in the grants system and the Province’s authorized approver has counter-signed it there. Each signature records the signer’s name and title, the time of signing and the SHA-256 fingerprint of this PDF.',
      signersIntro: 'These people may sign for the Recipient:',
      noSigners: 'The Recipient has not yet named a contact with signing authority.',
    },
    total: 'Total',
    pageFooterLead: (referenceNumber, version) => `${referenceNumber}, agreement v${version} – `,
  },
  fr: {
    title: (referenceNumber, version) => `Entente de paiement de transfert ${referenceNumber}, version${NBSP}${version}`,
    heading: 'Entente de paiement de transfert',
    version: (version, amendment) => `Version${NBSP}${version}${amendment ? ' – modification' : ''}`,
    amendmentReason: 'Motif de la modification',
    parties: {
      heading: 'Les parties',
      intro: `La présente entente est conclue entre${NBSP}:`,
      province: `Sa Majesté le Roi du chef de l’Ontario, représenté par le ministre des Services à l’enfance et des Services sociaux et communautaires (la «${NBSP}province${NBSP}»)`,
      and: 'et',
      operatingName: 'Nom commercial',
      businessNumber: 'Numéro d’entreprise',
      noBusinessNumber: 'Aucun numéro d’entreprise (l’organisme a indiqué pourquoi il n’en a pas)',
      recipient: `(le «${NBSP}bénéficiaire${NBSP}»)`,
    },
    preparedOn: 'Date de préparation',
    schedulesIntro:
      'L’entente se compose de la présente page et des annexes A à F ci-dessous. L’exercice financier de l’Ontario va du 1er avril au 31 mars.',
    a: {
      heading: 'Annexe A – Conditions générales',
      intro: (termsVersion) => `Voici les conditions générales du fonds, version${NBSP}${termsVersion}.`,
    },
    b: {
      heading: 'Annexe B – Dispositions propres au projet',
      intro: `Ces dispositions s’appliquent au projet, en plus de l’annexe A${NBSP}:`,
      none: 'Aucune disposition propre au projet ne s’ajoute à l’annexe A, qui s’applique telle quelle.',
    },
    c: {
      heading: 'Annexe C – Le projet',
      title: 'Titre du projet',
      startsOn: 'Date de début',
      endsOn: 'Date de fin',
      description: 'Description',
      measuresIntro: `Les rapports comptent ce qui suit. Ils ne donnent que des nombres, jamais de renseignements personnels sur les personnes survivantes${NBSP}:`,
      noMeasures: 'Aucune mesure des résultats n’est prévue pour ce projet.',
    },
    d: {
      heading: 'Annexe D – Budget',
      intro: `Les fonds par exercice financier et par catégorie budgétaire${NBSP}:`,
      columns: ['Exercice financier', 'Catégorie', 'Montant'],
      flexibility: `Au cours d’un même exercice, le bénéficiaire peut déplacer des fonds d’une ligne budgétaire à une autre sans modification de l’entente, pourvu qu’aucune ligne ne diminue de plus de 10${NBSP}% ni n’augmente de plus de 20${NBSP}%, et qu’aucun montant ne soit déplacé vers «${NBSP}${BUDGET_CATEGORY_WORDS.fr.administration}${NBSP}» ou «${NBSP}${BUDGET_CATEGORY_WORDS.fr.other}${NBSP}». Tout autre changement exige une modification de l’entente.`,
      none: 'Aucune ligne budgétaire.',
    },
    e: {
      heading: 'Annexe E – Calendrier des paiements',
      intro: 'La province verse les fonds selon les versements suivants. Aucun paiement n’est fait avant la signature de l’entente par les deux parties.',
      columns: ['Exercice financier', 'Date prévue', 'Condition', 'Montant'],
      condition: {
        execution: 'Dès la signature de l’entente par les deux parties',
        prior_report: 'Après l’acceptation du rapport de l’exercice précédent',
      },
      holdback: (percent, amount) => `La province retient ${percent} (${amount}) du dernier versement jusqu’à ce qu’elle accepte le rapport final.`,
    },
    f: {
      heading: 'Annexe F – Rapports',
      intro:
        'Le bénéficiaire remet ces rapports dans le système de gestion des subventions au plus tard aux dates prévues. Chacun présente les dépenses par ligne budgétaire par rapport à l’annexe D, ainsi que les mesures des résultats de l’annexe C.',
      columns: ['Rapport', 'Exercice financier', 'Date limite'],
      kind: { interim: 'Rapport provisoire', final: 'Rapport final' },
      none: 'Aucun rapport n’est exigé aux termes de l’entente.',
    },
    signatures: {
      heading: 'Signatures',
      execution:
        'L’entente est conclue lorsque la personne ayant le pouvoir de signature du bénéficiaire l’a signée électroniquement dans le système de gestion des subventions et que l’approbatrice ou l’approbateur autorisé de la province l’y a contresignée. Chaque signature consigne le nom et le titre de la personne signataire, l’heure de la signature et l’empreinte SHA-256 du présent PDF.',
      signersIntro: `Ces personnes peuvent signer au nom du bénéficiaire${NBSP}:`,
      noSigners: 'Le bénéficiaire n’a pas encore désigné de personne-ressource ayant le pouvoir de signature.',
    },
    total: 'Total',
    pageFooterLead: (referenceNumber, version) => `${referenceNumber}, entente v${version} – `,
  },
};

/**
 * The wording of one version of a Transfer Payment Agreement, in the recipient's language, as the
 * letters' blocks: the parties, then schedules A to F as stored for this version, then how it is signed.
 */
export function agreementText(content: AgreementContent): LetterText {
  const shared = sharedWording(content.locale);
  const wording = WORDING[content.locale];
  return {
    ...documentFrame(shared, { title: wording.title(content.referenceNumber, content.version), fundName: content.fundName, callTitle: content.callTitle, footerLead: wording.pageFooterLead(content.referenceNumber, content.version) }),
    blocks: [
      { kind: 'masthead', lines: [shared.program, content.fundName] },
      { kind: 'heading', level: 1, text: wording.heading },
      plain(wording.version(content.version, content.amendmentReason !== null)),
      ...(content.amendmentReason === null ? [] : labelled(shared, wording.amendmentReason, content.amendmentReason)),
      ...parties(content, shared, wording),
      details(shared, [
        [shared.details.reference, content.referenceNumber],
        [shared.details.fund, content.fundName],
        [shared.details.call, content.callTitle],
        [wording.preparedOn, formatDate(content.locale, ontarioDate(content.preparedAt))],
      ]),
      plain(wording.schedulesIntro),
      ...scheduleA(content, wording),
      ...scheduleB(content, wording),
      ...scheduleC(content, shared, wording),
      ...scheduleD(content, wording),
      ...scheduleE(content, wording),
      ...scheduleF(content, wording),
      ...signatures(content, wording),
    ],
  };
}

function parties(content: AgreementContent, shared: SharedWording, wording: AgreementWording): LetterBlock[] {
  const { parties: words } = wording;
  const { recipient } = content;
  const line = (label: string, value: string): Span[] => [{ text: shared.label(label), strong: true }, { text: value }];
  return [
    { kind: 'heading', level: 2, text: words.heading },
    plain(words.intro),
    plain(words.province),
    plain(words.and),
    {
      kind: 'paragraph',
      lines: [
        [{ text: recipient.legalName, strong: true }],
        ...(recipient.operatingName ? [line(words.operatingName, recipient.operatingName)] : []),
        recipient.businessNumber ? line(words.businessNumber, recipient.businessNumber) : [{ text: words.noBusinessNumber }],
        [{ text: recipient.addressLine1 }],
        [{ text: `${recipient.addressCity} ${recipient.addressPostalCode}` }],
        [{ text: words.recipient }],
      ],
    },
  ];
}

function scheduleA(content: AgreementContent, wording: AgreementWording): LetterBlock[] {
  const { a } = content.schedules;
  return [
    { kind: 'heading', level: 2, text: wording.a.heading },
    plain(wording.a.intro(a.termsVersion)),
    // Numbered, so a clause can be pointed to ("A4") in a letter or an amendment's reason.
    ...a.clauses.map(
      (clause, index): LetterBlock => ({
        kind: 'paragraph',
        lines: [[{ text: `A${index + 1}. ${clause.heading[content.locale]}`, strong: true }], [{ text: clause.text[content.locale] }]],
      }),
    ),
  ];
}

function scheduleB(content: AgreementContent, wording: AgreementWording): LetterBlock[] {
  const conditions = userParagraphs(content.schedules.b.conditions);
  return [
    { kind: 'heading', level: 2, text: wording.b.heading },
    ...(conditions.length === 0 ? [plain(wording.b.none)] : [plain(wording.b.intro), ...conditions]),
  ];
}

function scheduleC(content: AgreementContent, shared: SharedWording, wording: AgreementWording): LetterBlock[] {
  const { c } = content.schedules;
  const { c: words } = wording;
  const measures = c.outcomeMeasures.map((measure) => `• ${measure.label[content.locale]}`);
  return [
    { kind: 'heading', level: 2, text: words.heading },
    details(shared, [
      [words.title, c.title],
      [words.startsOn, formatDate(content.locale, c.startsOn)],
      [words.endsOn, formatDate(content.locale, c.endsOn)],
    ]),
    ...labelled(shared, words.description, c.description),
    ...(measures.length === 0 ? [plain(words.noMeasures)] : [plain(words.measuresIntro), lines(measures)]),
  ];
}

function scheduleD(content: AgreementContent, wording: AgreementWording): LetterBlock[] {
  const { d } = content.schedules;
  const { d: words } = wording;
  const money = (cents: number) => formatMoney(content.locale, cents);
  if (d.lines.length === 0) return [{ kind: 'heading', level: 2, text: words.heading }, plain(words.none)];
  return [
    { kind: 'heading', level: 2, text: words.heading },
    plain(words.intro),
    {
      kind: 'table',
      columns: columns(words.columns, ['left', 'left', 'right']),
      rows: d.lines.map((line) => [line.fiscalYear, BUDGET_CATEGORY_WORDS[content.locale][line.category], money(line.amountCents)]),
      total: [wording.total, '', money(d.totalCents)],
    },
    plain(words.flexibility),
  ];
}

function scheduleE(content: AgreementContent, wording: AgreementWording): LetterBlock[] {
  const { e } = content.schedules;
  const { e: words } = wording;
  const money = (cents: number) => formatMoney(content.locale, cents);
  const total = e.instalments.reduce((sum, instalment) => sum + instalment.amountCents, 0);
  const instalments = [...e.instalments].sort((left, right) => left.position - right.position);
  return [
    { kind: 'heading', level: 2, text: words.heading },
    plain(words.intro),
    {
      kind: 'table',
      columns: columns(words.columns, ['left', 'left', 'left', 'right']),
      rows: instalments.map((instalment) => [
        instalment.fiscalYear,
        formatDate(content.locale, instalment.dueOn),
        words.condition[instalment.condition],
        money(instalment.amountCents),
      ]),
      total: [wording.total, '', '', money(total)],
    },
    ...(e.holdbackCents > 0 ? [plain(words.holdback(percent(content.locale, e.holdbackPercent), money(e.holdbackCents)))] : []),
  ];
}

function scheduleF(content: AgreementContent, wording: AgreementWording): LetterBlock[] {
  const { f } = content.schedules;
  const { f: words } = wording;
  if (f.reports.length === 0) return [{ kind: 'heading', level: 2, text: words.heading }, plain(words.none)];
  return [
    { kind: 'heading', level: 2, text: words.heading },
    plain(words.intro),
    {
      kind: 'table',
      columns: columns(words.columns, ['left', 'left', 'left']),
      rows: f.reports.map((report) => [words.kind[report.kind], report.period, formatDate(content.locale, report.dueOn)]),
      total: null,
    },
  ];
}

function signatures(content: AgreementContent, wording: AgreementWording): LetterBlock[] {
  const { signatures: words } = wording;
  const signers = content.signingAuthorities;
  return [
    { kind: 'heading', level: 2, text: words.heading },
    plain(words.execution),
    ...(signers.length === 0
      ? [plain(words.noSigners)]
      : [plain(words.signersIntro), { kind: 'paragraph', lines: signers.map((signer) => [{ text: signer.name, strong: true }, { text: `, ${signer.title}` }]) } as const]),
  ];
}

function details(shared: SharedWording, rows: Array<[label: string, value: string]>): LetterBlock {
  return { kind: 'paragraph', lines: rows.map(([label, value]) => [{ text: shared.label(label), strong: true }, { text: value }]) };
}

/** A label in bold, then text a person typed on the next line, keeping its paragraphs. */
function labelled(shared: SharedWording, label: string, typed: string): LetterBlock[] {
  const [first, ...rest] = userParagraphs(typed);
  const heading: Span[] = [{ text: shared.label(label).trimEnd(), strong: true }];
  return [{ kind: 'paragraph', lines: [heading, ...(first?.kind === 'paragraph' ? first.lines : [])] }, ...rest];
}

/** `10%` / `10 %`: French sets a (no-break) space before the sign. */
function percent(locale: OfficialLanguage, value: number): string {
  const number = new Intl.NumberFormat(sharedWording(locale).lang, { maximumFractionDigits: 2 }).format(value);
  return locale === 'fr' ? `${number}${NBSP}%` : `${number}%`;
}
