import { formatInstant } from '@grants/core';

/**
 * What the archive holds and what it leaves out, in both official languages. Leaving out the
 * office's deliberations is a choice the organization is told about, not a silent omission.
 */
export function exportReadme(organizationName: string, exportedAt: Date): string {
  return `${organizationName}

DATA EXPORT
Exported ${formatInstant('en', exportedAt)}.

This archive holds what the grants system of Ontario's anti-human trafficking funds keeps
about your organization:

  organization.json     your organization's profile, with its Business Number and contacts
  members.json          members (names, email addresses, roles) and open invitations
  applications/<reference number, or id for a draft>/
    application.json    answers, budget, status, screening outcomes and the reasons given to you
    snapshots.json      each version you submitted, as it was frozen
    attachments.json    the documents you uploaded, removed ones included; the files are in attachments/
    decision.json       the decision, once released to you: outcome, amount approved, conditions, feedback
    *.pdf               the decision letter, once generated
    award.json          the award, its payments and its reports
    agreement.json      every version of the transfer payment agreement, its schedules and signatures
    agreement-v*.pdf    each version's PDF, as it was signed
  access-log.json       who read or changed your organization's data, and when

Not included: the program office's deliberations. The rationale recorded with each decision,
the reason for departing from the ranking, and the reviewers' scores and comments are how the
office weighs every application to a call against the others; they stay with the office. Until
a decision is released it is a deliberation too: the application shows as in review and
decision.json is absent. Amounts are in cents; times are UTC instants (ISO 8601).

--------------------------------------------------------------------------------

EXPORTATION DES DONNÉES
Exportées le ${formatInstant('fr', exportedAt)}.

Cette archive contient ce que le système de subventions des fonds ontariens de lutte contre la
traite des personnes conserve au sujet de votre organisation :

  organization.json     le profil de votre organisation, avec son numéro d'entreprise et ses personnes-ressources
  members.json          les membres (noms, adresses courriel, rôles) et les invitations en attente
  applications/<numéro de référence, ou identifiant d'une ébauche>/
    application.json    réponses, budget, statut, résultats de l'examen d'admissibilité et motifs communiqués
    snapshots.json      chaque version soumise, telle qu'elle a été figée
    attachments.json    les documents téléversés, y compris ceux retirés; les fichiers sont dans attachments/
    decision.json       la décision, une fois communiquée : résultat, montant approuvé, conditions, commentaires
    *.pdf               la lettre de décision, une fois produite
    award.json          le financement accordé, ses paiements et ses rapports
    agreement.json      chaque version de l'entente de paiement de transfert, ses annexes et ses signatures
    agreement-v*.pdf    le PDF de chaque version, tel qu'il a été signé
  access-log.json       qui a consulté ou modifié les données de votre organisation, et quand

Non inclus : les délibérations du bureau du programme. La justification consignée avec chaque
décision, le motif d'un écart par rapport au classement, ainsi que les notes et commentaires des
évaluateurs servent au bureau à comparer chaque demande aux autres demandes présentées dans le
cadre d'un appel; ils restent au bureau. Tant qu'une décision n'est pas communiquée, elle relève
aussi de la délibération : la demande apparaît « en évaluation » (in_review) et decision.json est
absent. Les montants sont en cents; les heures sont des instants UTC (ISO 8601).
`;
}
