import { EmailTemplate } from './email-template';

export interface AwardHoldData {
  organizationName: string;
  referenceNumber: string;
  change: 'placed' | 'lifted';
  reason: string;
  awardUrl: string;
}

export const awardHoldEmail: EmailTemplate<AwardHoldData> = {
  en: (data) =>
    data.change === 'placed'
      ? {
          subject: `Payments on hold: ${data.referenceNumber}`,
          paragraphs: [
            `The program office has put the payments of the award to ${data.organizationName} on hold. No payment of it is made until the hold is lifted. The reason given:`,
            data.reason,
            'If you have questions or can resolve the issue, contact your fund officer.',
          ],
          action: { label: 'Open the award', url: data.awardUrl },
        }
      : {
          subject: `Hold lifted: ${data.referenceNumber}`,
          paragraphs: [`The program office has lifted the hold on the payments of the award to ${data.organizationName}. Payments resume as the agreement sets out.`],
          action: { label: 'Open the award', url: data.awardUrl },
        },
  fr: (data) =>
    data.change === 'placed'
      ? {
          subject: `Paiements suspendus : ${data.referenceNumber}`,
          paragraphs: [
            `Le bureau du programme a suspendu les paiements de la subvention accordée à ${data.organizationName}. Aucun paiement n’est fait tant que la suspension n’est pas levée. Motif indiqué :`,
            data.reason,
            'Pour toute question, ou si vous pouvez régler la situation, communiquez avec votre agente ou agent du fonds.',
          ],
          action: { label: 'Ouvrir la subvention', url: data.awardUrl },
        }
      : {
          subject: `Suspension levée : ${data.referenceNumber}`,
          paragraphs: [`Le bureau du programme a levé la suspension des paiements de la subvention accordée à ${data.organizationName}. Les paiements reprennent selon l’entente.`],
          action: { label: 'Ouvrir la subvention', url: data.awardUrl },
        },
};
