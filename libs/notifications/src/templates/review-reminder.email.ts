import { EmailTemplate } from './email-template';
import { formatInstant } from './format';

export interface ReviewReminderData {
  name: string;
  referenceNumber: string;
  /** ISO instant */
  dueAt: string;
  assignmentsUrl: string;
}

export const reviewReminderEmail: EmailTemplate<ReviewReminderData> = {
  en: (data) => ({
    subject: `Review of ${data.referenceNumber} due ${formatInstant('en', data.dueAt)}`,
    paragraphs: [`Hello ${data.name},`, `Your review of application ${data.referenceNumber} is not submitted yet. Reviews are due on ${formatInstant('en', data.dueAt)}.`],
    action: { label: 'See my assignments', url: data.assignmentsUrl },
  }),
  fr: (data) => ({
    subject: `Évaluation de ${data.referenceNumber} attendue le ${formatInstant('fr', data.dueAt)}`,
    paragraphs: [`Bonjour ${data.name},`, `Votre évaluation de la demande ${data.referenceNumber} n’est pas encore soumise. Les évaluations sont attendues le ${formatInstant('fr', data.dueAt)}.`],
    action: { label: 'Voir mes évaluations', url: data.assignmentsUrl },
  }),
};
