import { FundCode } from '@grants/calls';
import { AgreementSchedules, BilingualText } from '@grants/documents';

type Clause = { heading: BilingualText; text: BilingualText };

/** French sets a no-break space before a colon, inside « », and before % and $. */
const NBSP = '\u00a0';

// The clauses both funds share, modelled on the general terms of Ontario's Transfer Payment
// Agreement (../shared/TRANSFER-PAYMENTS.md), in plain words. Each version of an agreement stores
// its clauses as they stood, so rewording one here calls for a new termsVersion: it changes no
// agreement already made.
const DEFINITIONS: Clause = {
  heading: { en: 'Definitions and interpretation', fr: 'Définitions et interprétation' },
  text: {
    en: 'In this agreement, the “Province” is His Majesty the King in right of Ontario, as represented by the Minister of Children, Community and Social Services; the “Recipient” is the organization named on the first page; the “Project” is described in schedule C; and the “Funds” are the money the Province provides under this agreement. The schedules are part of the agreement. If they disagree, this schedule A prevails, except where schedule B expressly changes it.',
    fr: `Dans la présente entente, la «${NBSP}province${NBSP}» désigne Sa Majesté le Roi du chef de l’Ontario, représenté par le ministre des Services à l’enfance et des Services sociaux et communautaires, le «${NBSP}bénéficiaire${NBSP}», l’organisme nommé à la première page, le «${NBSP}projet${NBSP}», le projet décrit à l’annexe C, et les «${NBSP}fonds${NBSP}», les sommes que la province verse aux termes de l’entente. Les annexes font partie de l’entente. En cas de divergence, la présente annexe A l’emporte, sauf si l’annexe B la modifie expressément.`,
  },
};

const TERM: Clause = {
  heading: { en: 'Term of the agreement', fr: 'Durée de l’entente' },
  text: {
    en: 'The agreement takes effect when both parties have signed it and ends on the project end date in schedule C, unless it is terminated earlier. The clauses on reports, records, audit, recovery, confidentiality and indemnity continue to apply after it ends.',
    fr: 'L’entente prend effet lorsque les deux parties l’ont signée et prend fin à la date de fin du projet indiquée à l’annexe C, à moins qu’il n’y soit mis fin plus tôt. Les clauses portant sur les rapports, les dossiers, la vérification, le recouvrement, la confidentialité et l’indemnisation continuent de s’appliquer après la fin de l’entente.',
  },
};

const FUNDS: Clause = {
  heading: { en: 'The Funds and their use', fr: 'Les fonds et leur utilisation' },
  text: {
    en: 'The Province provides the Funds set out in schedule D, subject to the Legislature of Ontario appropriating them. The Recipient uses the Funds only for the Project, as budgeted in schedule D. Within a fiscal year, it may move funds between budget lines as long as no line drops by more than 10% or rises by more than 20%, and nothing moves into administration or “Other”. Any other change needs an amendment.',
    fr: `La province fournit les fonds prévus à l’annexe D, sous réserve de leur affectation par l’Assemblée législative de l’Ontario. Le bénéficiaire utilise les fonds uniquement pour le projet, selon le budget de l’annexe D. Au cours d’un même exercice, il peut déplacer des fonds d’une ligne budgétaire à une autre, pourvu qu’aucune ligne ne diminue de plus de 10${NBSP}% ni n’augmente de plus de 20${NBSP}% et que rien ne soit déplacé vers l’administration ou la catégorie «${NBSP}Autre${NBSP}». Tout autre changement exige une modification de l’entente.`,
  },
};

const PAYMENTS: Clause = {
  heading: { en: 'Payments', fr: 'Paiements' },
  text: {
    en: 'The Province pays the Funds in the instalments set out in schedule E. No payment is made before this agreement is executed, and an instalment that depends on a report is paid once the Province accepts that report. The holdback in schedule E is paid after the Province accepts the final report. The Province may hold a payment while the Recipient is not meeting this agreement, and tells the Recipient why.',
    fr: 'La province verse les fonds selon les versements prévus à l’annexe E. Aucun paiement n’est fait avant la signature de l’entente par les deux parties, et un versement qui dépend d’un rapport est payé une fois que la province a accepté ce rapport. La retenue prévue à l’annexe E est versée après l’acceptation du rapport final par la province. La province peut suspendre un paiement tant que le bénéficiaire ne respecte pas l’entente, et elle lui en donne la raison.',
  },
};

const REPORTS: Clause = {
  heading: { en: 'Reports', fr: 'Rapports' },
  text: {
    en: 'The Recipient submits the reports set out in schedule F by their due dates, through the grants system. Each report gives spending by budget line against schedule D and the outcome measures in schedule C. Outcome measures are counts only: a report never contains names or other personal information about survivors or anyone else the Project serves.',
    fr: `Le bénéficiaire remet les rapports prévus à l’annexe F au plus tard aux dates indiquées, dans le système de gestion des subventions. Chaque rapport présente les dépenses par ligne budgétaire par rapport à l’annexe D et les mesures des résultats de l’annexe C. Les mesures des résultats ne sont que des nombres${NBSP}: un rapport ne contient jamais de noms ni d’autres renseignements personnels sur les personnes survivantes ou sur quiconque bénéficie du projet.`,
  },
};

const RECORDS: Clause = {
  heading: { en: 'Records, inspection and audit', fr: 'Dossiers, inspection et vérification' },
  text: {
    en: 'The Recipient keeps complete and accurate records of the Project and of how the Funds were spent for at least seven years after this agreement expires or ends. On reasonable notice, the Province, or an auditor it names, may inspect and copy those records. Nothing in this agreement limits the authority of the Auditor General of Ontario.',
    fr: 'Le bénéficiaire conserve des dossiers complets et exacts sur le projet et sur l’utilisation des fonds pendant au moins sept ans après l’expiration ou la fin de l’entente. Sur préavis raisonnable, la province, ou une vérificatrice ou un vérificateur qu’elle désigne, peut examiner et copier ces dossiers. L’entente ne limite en rien les pouvoirs du Bureau de la vérificatrice générale de l’Ontario.',
  },
};

const RECOVERY: Clause = {
  heading: { en: 'Recovery of funds', fr: 'Recouvrement des fonds' },
  text: {
    en: 'Funds that are not spent, or not spent as this agreement allows, are a debt owed to the Crown in right of Ontario. The Province may recover them by reducing later payments or setting the debt off against them, or by asking the Recipient to repay them by a date it sets. It may do so up to seven years after this agreement expires or ends.',
    fr: 'Les fonds non dépensés, ou dépensés autrement que ne le permet l’entente, constituent une créance de la Couronne du chef de l’Ontario. La province peut les recouvrer en réduisant les paiements à venir ou en opérant compensation sur ceux-ci, ou en demandant au bénéficiaire de les rembourser à la date qu’elle fixe. Elle peut le faire jusqu’à sept ans après l’expiration ou la fin de l’entente.',
  },
};

const AMENDMENTS: Clause = {
  heading: { en: 'Amendments', fr: 'Modifications' },
  text: {
    en: 'This agreement may be amended only in writing, executed by both parties. An amendment is a new version of the whole agreement, signed again by the Recipient and counter-signed by the Province. Earlier versions stay on record.',
    fr: 'L’entente ne peut être modifiée que par écrit, au moyen d’un document signé par les deux parties. Une modification prend la forme d’une nouvelle version de l’entente entière, signée de nouveau par le bénéficiaire et contresignée par la province. Les versions antérieures sont conservées au dossier.',
  },
};

const CONFLICT_OF_INTEREST: Clause = {
  heading: { en: 'Conflict of interest', fr: 'Conflits d’intérêts' },
  text: {
    en: 'The Recipient uses the Funds without any conflict of interest: no one who has a say in how they are spent may benefit from that decision personally or through family or business ties. The Recipient tells the Province right away of any actual or possible conflict and follows the Province’s directions about it.',
    fr: `Le bénéficiaire utilise les fonds sans conflit d’intérêts${NBSP}: aucune personne qui participe aux décisions sur leur utilisation ne peut en tirer un avantage, personnellement ou par des liens familiaux ou d’affaires. Le bénéficiaire informe sans délai la province de tout conflit réel ou possible et suit ses directives à cet égard.`,
  },
};

const CONFIDENTIALITY: Clause = {
  heading: { en: 'Confidentiality and freedom of information', fr: 'Confidentialité et accès à l’information' },
  text: {
    en: 'The Recipient knows that the Province is bound by the Freedom of Information and Protection of Privacy Act, and that information the Recipient gives the Province may be disclosed under that Act. The Recipient protects the personal information of the people it serves, and collects, uses and discloses it only as the law allows.',
    fr: 'Le bénéficiaire sait que la province est assujettie à la Loi sur l’accès à l’information et la protection de la vie privée, et que les renseignements qu’il lui fournit peuvent être divulgués en vertu de cette loi. Le bénéficiaire protège les renseignements personnels des personnes qu’il sert et ne les recueille, ne les utilise et ne les divulgue que dans la mesure permise par la loi.',
  },
};

const INSURANCE_AND_INDEMNITY: Clause = {
  heading: { en: 'Insurance and indemnity', fr: 'Assurance et indemnisation' },
  text: {
    en: 'While this agreement is in effect, the Recipient keeps commercial general liability insurance of at least $2,000,000 per occurrence and gives the Province proof of it on request. The Recipient indemnifies the Province against claims arising from the Project, except to the extent a claim is caused by the Province’s own negligence or misconduct.',
    fr: `Pendant la durée de l’entente, le bénéficiaire maintient une assurance responsabilité civile générale d’au moins 2${NBSP}000${NBSP}000${NBSP}$ par sinistre et en fournit la preuve à la province sur demande. Le bénéficiaire indemnise la province de toute réclamation découlant du projet, sauf dans la mesure où la réclamation résulte de la négligence ou de l’inconduite de la province.`,
  },
};

const DEFAULT_AND_TERMINATION: Clause = {
  heading: { en: 'Default and termination', fr: 'Manquement et résiliation' },
  text: {
    en: 'If the Recipient does not meet an obligation under this agreement, the Province tells it in writing and may give it a reasonable time to fix the problem. Meanwhile, the Province may hold or reduce payments. If the problem is not fixed, the Province may end this agreement and recover Funds not spent as agreed. The Province may also end this agreement for any reason with 30 days’ written notice, and then covers the reasonable costs of winding down the Project.',
    fr: 'Si le bénéficiaire ne respecte pas une obligation prévue à l’entente, la province l’en avise par écrit et peut lui accorder un délai raisonnable pour corriger la situation. D’ici là, la province peut suspendre ou réduire les paiements. Si la situation n’est pas corrigée, elle peut mettre fin à l’entente et recouvrer les fonds qui n’ont pas été utilisés comme convenu. La province peut aussi mettre fin à l’entente pour toute raison au moyen d’un préavis écrit de 30 jours, et elle couvre alors les frais raisonnables de clôture du projet.',
  },
};

/**
 * The general terms (schedule A) of each fund's agreements, in both official languages, as they stand
 * for new agreements and amendments.
 */
export const STANDARD_TERMS: Record<FundCode, AgreementSchedules['a']> = {
  CBSF: {
    termsVersion: 'CBSF-2026.1',
    clauses: [
      DEFINITIONS,
      TERM,
      FUNDS,
      PAYMENTS,
      REPORTS,
      RECORDS,
      RECOVERY,
      AMENDMENTS,
      CONFLICT_OF_INTEREST,
      CONFIDENTIALITY,
      {
        heading: { en: 'Acknowledging Ontario’s support', fr: 'Reconnaissance du soutien de l’Ontario' },
        text: {
          en: 'The Recipient acknowledges Ontario’s support in public materials about the Project, in the form the Province provides. Those materials say that the views expressed are the Recipient’s own and not necessarily the Province’s.',
          fr: 'Le bénéficiaire reconnaît le soutien de l’Ontario dans les documents publics portant sur le projet, sous la forme que la province lui indique. Ces documents précisent que les opinions exprimées sont celles du bénéficiaire et ne reflètent pas nécessairement celles de la province.',
        },
      },
      INSURANCE_AND_INDEMNITY,
      {
        heading: { en: 'French Language Services', fr: 'Services en français' },
        text: {
          en: 'Where the Recipient delivers the Project in an area designated under the French Language Services Act, it offers the Project’s services in French and lets people know that they can be served in French.',
          fr: 'Lorsque le bénéficiaire réalise le projet dans une région désignée en vertu de la Loi sur les services en français, il offre les services du projet en français et fait savoir aux personnes qu’elles peuvent être servies en français.',
        },
      },
      DEFAULT_AND_TERMINATION,
    ],
  },
  ILIF: {
    termsVersion: 'ILIF-2026.1',
    clauses: [
      DEFINITIONS,
      {
        heading: { en: 'Aboriginal and treaty rights', fr: 'Droits ancestraux et issus de traités' },
        text: {
          en: 'Nothing in this agreement abrogates or derogates from the Aboriginal and treaty rights of Indigenous peoples that are recognized and affirmed by section 35 of the Constitution Act, 1982.',
          fr: 'Aucune disposition de l’entente ne porte atteinte aux droits ancestraux ou issus de traités des peuples autochtones reconnus et confirmés par l’article 35 de la Loi constitutionnelle de 1982, ni ne les abroge.',
        },
      },
      TERM,
      FUNDS,
      PAYMENTS,
      REPORTS,
      {
        heading: { en: 'Indigenous data sovereignty (OCAP®)', fr: 'Souveraineté des données autochtones (PCAP®)' },
        text: {
          en: 'The Province respects Indigenous data sovereignty, including the First Nations principles of ownership, control, access and possession (OCAP®). The Recipient owns the data it gathers for the Project. The Province uses the reports and data it receives only to administer this agreement, and does not share them with anyone else without the Recipient’s consent, unless the law requires it.',
          fr: 'La province respecte la souveraineté des données autochtones, y compris les principes de propriété, de contrôle, d’accès et de possession des Premières Nations (PCAP®). Le bénéficiaire est propriétaire des données qu’il recueille pour le projet. La province n’utilise les rapports et les données qu’elle reçoit que pour administrer l’entente, et ne les communique à personne d’autre sans le consentement du bénéficiaire, sauf si la loi l’exige.',
        },
      },
      RECORDS,
      RECOVERY,
      AMENDMENTS,
      CONFLICT_OF_INTEREST,
      CONFIDENTIALITY,
      {
        heading: { en: 'Acknowledging Ontario’s support', fr: 'Reconnaissance du soutien de l’Ontario' },
        text: {
          en: 'The Recipient acknowledges Ontario’s support in public materials about the Project, in words agreed with the Province, and describes the Project as Indigenous-led in the way the Recipient chooses. Those materials say that the views expressed are the Recipient’s own and not necessarily the Province’s.',
          fr: 'Le bénéficiaire reconnaît le soutien de l’Ontario dans les documents publics portant sur le projet, dans des termes convenus avec la province, et présente le projet comme dirigé par des Autochtones de la façon qu’il choisit. Ces documents précisent que les opinions exprimées sont celles du bénéficiaire et ne reflètent pas nécessairement celles de la province.',
        },
      },
      INSURANCE_AND_INDEMNITY,
      DEFAULT_AND_TERMINATION,
    ],
  },
};
