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
            'Next, the Transfer Payment Agreement: it is being prepared, and a person with signing authority for the organization will be asked to sign it. Payments start once both parties have signed.',
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
            'Prochaine étape : l’entente de paiement de transfert. Elle est en préparation, et une personne ayant le pouvoir de signature pour l’organisme sera invitée à la signer. Les paiements commencent une fois que les deux parties l’ont signée.',
          ]
        : [`${data.respondedBy} a refusé, au nom de ${data.organizationName}, la subvention de ${formatMoney('fr', data.approvedCents)} pour la demande ${data.referenceNumber}. Le bureau du programme en a été informé.`],
    action: { label: 'Ouvrir la subvention', url: data.awardUrl },
  }),
};
