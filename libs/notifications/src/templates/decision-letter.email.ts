import { EmailTemplate } from './email-template';
import { formatInstant, formatMoney } from './format';

export interface DecisionLetterData {
  organizationName: string;
  referenceNumber: string;
  callTitle: { en: string; fr: string };
  outcome: 'approved' | 'declined';
  /** Approvals only. */
  approvedCents: number | null;
  acceptBy: string | null;
  /** The award page for an approval; the application page for a decline. */
  url: string;
}

export const decisionLetterEmail: EmailTemplate<DecisionLetterData> = {
  en: (data) =>
    data.outcome === 'approved'
      ? {
          subject: `Funding approved: ${data.referenceNumber}`,
          paragraphs: [
            `Congratulations. The application of ${data.organizationName} to “${data.callTitle.en}” has been approved for ${formatMoney('en', data.approvedCents ?? 0)}.`,
            'The award letter is attached. It sets out the conditions, the payment schedule and the reports the award asks for.',
            `An owner of your organization can accept the award until ${formatInstant('en', data.acceptBy ?? '')} (Ontario time).`,
          ],
          action: { label: 'Review and accept the award', url: data.url },
        }
      : {
          subject: `Decision on application ${data.referenceNumber}`,
          paragraphs: [
            `Thank you for the application of ${data.organizationName} to “${data.callTitle.en}”.`,
            'The decision letter is attached.',
          ],
          action: { label: 'See the application', url: data.url },
        },
  fr: (data) =>
    data.outcome === 'approved'
      ? {
          subject: `Financement approuvé : ${data.referenceNumber}`,
          paragraphs: [
            `Félicitations. La demande de ${data.organizationName} à l’appel « ${data.callTitle.fr} » a été approuvée pour un montant de ${formatMoney('fr', data.approvedCents ?? 0)}.`,
            'La lettre d’octroi est jointe. Elle présente les conditions, le calendrier des paiements et les rapports demandés.',
            `Une personne propriétaire du compte de votre organisme peut accepter la subvention jusqu’au ${formatInstant('fr', data.acceptBy ?? '')} (heure de l’Ontario).`,
          ],
          action: { label: 'Examiner et accepter la subvention', url: data.url },
        }
      : {
          subject: `Décision concernant la demande ${data.referenceNumber}`,
          paragraphs: [
            `Merci pour la demande de ${data.organizationName} à l’appel « ${data.callTitle.fr} ».`,
            'La lettre de décision est jointe.',
          ],
          action: { label: 'Voir la demande', url: data.url },
        },
};
