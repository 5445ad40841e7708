import { OfficialLanguage } from '@grants/core';
import { SubmittedBudgetCategory } from './submission-content';

/** The one wording of each budget category, for pages and documents alike. */
export const BUDGET_CATEGORY_WORDS: Record<OfficialLanguage, Record<SubmittedBudgetCategory, string>> = {
  en: {
    personnel: 'Personnel',
    program_delivery: 'Program delivery',
    participant_support: 'Participant support',
    training: 'Training',
    travel: 'Travel',
    equipment: 'Equipment',
    administration: 'Administration',
    evaluation: 'Evaluation',
    other: 'Other',
  },
  fr: {
    personnel: 'Personnel',
    program_delivery: 'Prestation du programme',
    participant_support: 'Soutien aux participantes et participants',
    training: 'Formation',
    travel: 'Déplacements',
    equipment: 'Équipement',
    administration: 'Administration',
    evaluation: 'Évaluation',
    other: 'Autre',
  },
};
