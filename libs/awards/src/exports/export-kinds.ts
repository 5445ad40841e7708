import { APPLICATION_STATUSES, ApplicationStatus } from '@grants/applications';
import { OfficialLanguage } from '@grants/core';
import { AWARD_STATUSES, AwardStatus, REPORT_STATUSES, ReportStatus } from '../award.entity';

export const EXPORT_KINDS = ['applications', 'reviews', 'awards', 'reports'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/**
 * The filters of each export, as its list takes them: applications as GET /applications (callId,
 * status, q), reviews of one call, awards by their status and call, reports by their status and call.
 */
export interface ExportFilters {
  callId?: string;
  /** An application's, an award's or a report's status, by kind; reviews take none. */
  status?: ApplicationStatus | AwardStatus | ReportStatus;
  /** applications only: the lists' search. */
  q?: string;
}

/** Which filters each kind takes; any other is refused rather than ignored. */
export const EXPORT_FILTERS: Record<ExportKind, ReadonlyArray<keyof ExportFilters>> = {
  applications: ['callId', 'status', 'q'],
  reviews: ['callId'],
  awards: ['callId', 'status'],
  reports: ['callId', 'status'],
};

/** The statuses each kind is filtered by: the application's, none, the award's, the report's. */
export const EXPORT_STATUSES: Record<ExportKind, readonly string[]> = {
  applications: APPLICATION_STATUSES,
  reviews: [],
  awards: AWARD_STATUSES,
  reports: REPORT_STATUSES,
};

type Words = Record<OfficialLanguage, string>;

/** The fixed columns' headings, in both official languages. */
export const EXPORT_HEADINGS = {
  reference: { en: 'Reference', fr: 'Référence' },
  call: { en: 'Call', fr: 'Appel' },
  fund: { en: 'Fund', fr: 'Fonds' },
  organization: { en: 'Organization', fr: 'Organisme' },
  region: { en: 'Region', fr: 'Région' },
  status: { en: 'Status', fr: 'État' },
  title: { en: 'Project title', fr: 'Titre du projet' },
  submitted: { en: 'Submitted (Ontario time)', fr: 'Soumis le (heure de l’Ontario)' },
  requested: { en: 'Requested ($)', fr: 'Montant demandé ($)' },
  reviewer: { en: 'Reviewer', fr: 'Évaluatrice ou évaluateur' },
  reviewStatus: { en: 'Review status', fr: 'État de l’évaluation' },
  weightedScore: { en: 'Weighted score (0–100)', fr: 'Note pondérée (0 à 100)' },
  overallComment: { en: 'Overall comment', fr: 'Commentaire général' },
  awardStatus: { en: 'Award status', fr: 'État de la subvention' },
  approved: { en: 'Approved ($)', fr: 'Montant approuvé ($)' },
  fiscalYear: { en: 'Fiscal year', fr: 'Exercice' },
  payment: { en: 'Payment ($)', fr: 'Paiement ($)' },
  due: { en: 'Due', fr: 'Échéance' },
  paymentStatus: { en: 'Payment status', fr: 'État du paiement' },
  paidOn: { en: 'Paid on (Ontario time)', fr: 'Versé le (heure de l’Ontario)' },
  paymentReference: { en: 'Payment reference', fr: 'Référence du paiement' },
  holdback: { en: 'Holdback', fr: 'Retenue' },
  offset: { en: 'Kept against a recovery ($)', fr: 'Retenu au titre d’un recouvrement ($)' },
  kind: { en: 'Kind', fr: 'Type' },
  period: { en: 'Period', fr: 'Période' },
  reportStatus: { en: 'Report status', fr: 'État du rapport' },
  spent: { en: 'Spent ($)', fr: 'Dépenses ($)' },
  yes: { en: 'Yes', fr: 'Oui' },
  no: { en: 'No', fr: 'Non' },
} satisfies Record<string, Words>;

/**
 * The codes the rows hold, in words of the export's language: the same words the pages use
 * (applications' statuses as officers see them, reviews' as the screening page, awards', payments',
 * reports' and regions' as the oversight and screening pages). A code not listed is written as is.
 */
export const EXPORT_LABELS = {
  applicationStatus: {
    draft: { en: 'Draft', fr: 'Ébauche' },
    submitted: { en: 'Submitted: to be screened', fr: 'Soumise : à examiner' },
    information_requested: { en: 'Information requested', fr: 'Renseignements demandés' },
    withdrawn: { en: 'Withdrawn', fr: 'Retirée' },
    ineligible: { en: 'Ineligible', fr: 'Non admissible' },
    in_review: { en: 'In review', fr: 'En évaluation' },
    approved: { en: 'Approved', fr: 'Approuvée' },
    declined: { en: 'Declined', fr: 'Refusée' },
    awarded: { en: 'Awarded', fr: 'Financement accordé' },
  },
  reviewStatus: {
    assigned: { en: 'Not submitted yet', fr: 'Pas encore soumise' },
    submitted: { en: 'Submitted', fr: 'Soumise' },
    recused: { en: 'Recused (conflict of interest)', fr: 'Récusation (conflit d’intérêts)' },
    removed: { en: 'Removed by the office', fr: 'Retiré par le bureau' },
  },
  awardStatus: {
    offered: { en: 'Offered: waiting for the organization', fr: 'Offerte : en attente de l’organisme' },
    accepted: { en: 'Accepted', fr: 'Acceptée' },
    declined: { en: 'Declined by the organization', fr: 'Refusée par l’organisme' },
  },
  yesNo: {
    yes: { en: 'Yes', fr: 'Oui' },
    no: { en: 'No', fr: 'Non' },
  },
  paymentStatus: {
    scheduled: { en: 'Scheduled', fr: 'Prévu' },
    requested: { en: 'Requested: waiting for approval', fr: 'Demandé : en attente d’approbation' },
    approved: { en: 'Approved: ready to pay', fr: 'Approuvé : prêt à verser' },
    paid: { en: 'Paid', fr: 'Versé' },
  },
  reportStatus: {
    due: { en: 'Not filed yet', fr: 'Pas encore déposé' },
    submitted: { en: 'Filed: waiting for your review', fr: 'Déposé : en attente de votre examen' },
    accepted: { en: 'Accepted', fr: 'Accepté' },
    returned: { en: 'Sent back for changes', fr: 'Renvoyé pour modification' },
  },
  reportKind: {
    interim: { en: 'Interim', fr: 'Intermédiaire' },
    final: { en: 'Final', fr: 'Final' },
  },
  region: {
    central: { en: 'Central', fr: 'Centre' },
    east: { en: 'East', fr: 'Est' },
    north: { en: 'North', fr: 'Nord' },
    toronto: { en: 'Toronto', fr: 'Toronto' },
    west: { en: 'West', fr: 'Ouest' },
  },
} satisfies Record<string, Record<string, Words>>;

/** A code of the rows in the export's language; null stays an empty cell, an unknown code is written as is. */
export function exportLabel(group: keyof typeof EXPORT_LABELS, code: string | null, lang: OfficialLanguage): string | null {
  if (code === null) return null;
  const table: Record<string, Words> = EXPORT_LABELS[group];
  return Object.hasOwn(table, code) ? table[code]![lang] : code;
}

/** The sheet's name and the file name's start, by kind. */
export const EXPORT_SHEETS: Record<ExportKind, Words> = {
  applications: { en: 'Applications', fr: 'Demandes' },
  reviews: { en: 'Reviews', fr: 'Évaluations' },
  awards: { en: 'Awards and payments', fr: 'Subventions et paiements' },
  reports: { en: 'Reports', fr: 'Rapports' },
};

/** `applications-2026-12-04.xlsx`: the kind and the Ontario date of the request. */
export function exportFilename(kind: ExportKind, format: string, ontarioDay: string): string {
  return `${kind}-${ontarioDay}.${format}`;
}
