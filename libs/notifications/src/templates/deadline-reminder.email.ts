import { EmailTemplate } from './email-template';
import { formatInstant } from './format';

export interface DeadlineReminderData {
  organizationName: string;
  callTitle: { en: string; fr: string };
  /** ISO instant */
  closesAt: string;
  daysLeft: 1 | 7;
  applicationUrl: string;
}

export const deadlineReminderEmail: EmailTemplate<DeadlineReminderData> = {
  en: (data) => ({
    subject: `${data.daysLeft === 1 ? 'One day' : 'One week'} left to submit to “${data.callTitle.en}”`,
    paragraphs: [
      `The application of ${data.organizationName} to “${data.callTitle.en}” is saved as a draft and has not been submitted yet.`,
      `The call closes on ${formatInstant('en', data.closesAt)} (Ontario time). Applications cannot be submitted after that moment.`,
    ],
    action: { label: 'Finish the application', url: data.applicationUrl },
  }),
  fr: (data) => ({
    subject: `Plus ${data.daysLeft === 1 ? 'qu’une journée' : 'qu’une semaine'} pour soumettre à « ${data.callTitle.fr} »`,
    paragraphs: [
      `La demande de ${data.organizationName} à l’appel « ${data.callTitle.fr} » est enregistrée comme ébauche et n’a pas encore été soumise.`,
      `L’appel prend fin le ${formatInstant('fr', data.closesAt)} (heure de l’Ontario). Aucune demande ne peut être soumise après ce moment.`,
    ],
    action: { label: 'Terminer la demande', url: data.applicationUrl },
  }),
};
