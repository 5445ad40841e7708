import { EmailTemplate } from './email-template';

export interface ReviewAssignedData {
  name: string;
  referenceNumber: string;
  callTitle: { en: string; fr: string };
  assignmentsUrl: string;
}

export const reviewAssignedEmail: EmailTemplate<ReviewAssignedData> = {
  en: (data) => ({
    subject: `New application to review: ${data.referenceNumber}`,
    paragraphs: [
      `Hello ${data.name},`,
      `Application ${data.referenceNumber} to “${data.callTitle.en}” has been assigned to you.`,
      'Before you see its content, you will be asked to declare whether you have a conflict of interest with the applicant.',
    ],
    action: { label: 'See my assignments', url: data.assignmentsUrl },
  }),
  fr: (data) => ({
    subject: `Nouvelle demande à évaluer : ${data.referenceNumber}`,
    paragraphs: [
      `Bonjour ${data.name},`,
      `La demande ${data.referenceNumber} à l’appel « ${data.callTitle.fr} » vous a été confiée.`,
      'Avant d’en voir le contenu, vous devrez déclarer si vous êtes en conflit d’intérêts avec l’organisme demandeur.',
    ],
    action: { label: 'Voir mes évaluations', url: data.assignmentsUrl },
  }),
};
