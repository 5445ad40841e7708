import { EmailTemplate } from './email-template';
import { formatMoney } from './format';

export interface AwardResponseData {
  organizationName: string;
  referenceNumber: string;
  answer: 'accepted' | 'declined';
  /** Who answered for the organization. */
  respondedBy: string;
  approvedCents: number;
  awardUrl: string;
}

export const awardResponseEmail: EmailTemplate<AwardResponseData> = {
  en: (data) => ({
    subject: data.answer === 'accepted' ? `Award accepted: ${data.referenceNumber}` : `Award declined: ${data.referenceNumber}`,
    paragraphs:
      data.answer === 'accepted'
        ? [
            `${data.respondedBy} accepted, for ${data.organizationName}, the award of ${formatMoney('en', data.approvedCents)} for ${data.referenceNumber}.`,
            'The first payment is now payable; the award page shows the payment schedule and the reports to file.',
          ]
        : [`${data.respondedBy} declined, for ${data.organizationName}, the award of ${formatMoney('en', data.approvedCents)} for ${data.referenceNumber}. The program office has been told.`],
    action: { label: 'Open the award', url: data.awardUrl },
  }),
  fr: (data) => ({
    subject: data.answer === 'accepted' ? `Subvention acceptée : ${data.referenceNumber}` : `Subvention refusée : ${data.referenceNumber}`,
    paragraphs:
      data.answer === 'accepted'
        ? [
            `${data.respondedBy} a accepté, au nom de ${data.organizationName}, la subvention de ${formatMoney('fr', data.approvedCents)} pour la demande ${data.referenceNumber}.`,
            'Le premier paiement peut maintenant être versé; la page de la subvention présente le calendrier des paiements et les rapports à remettre.',
          ]
        : [`${data.respondedBy} a refusé, au nom de ${data.organizationName}, la subvention de ${formatMoney('fr', data.approvedCents)} pour la demande ${data.referenceNumber}. Le bureau du programme en a été informé.`],
    action: { label: 'Ouvrir la subvention', url: data.awardUrl },
  }),
};
