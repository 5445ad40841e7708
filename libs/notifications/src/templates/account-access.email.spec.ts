import { renderEmail } from './email-template';
import { emailTemplates } from './index';

const context = { contact: { email: 'office@grants.example.ca', phone: '1-800-555-0199' } };

describe('emails when access ends', () => {
  it('names the panel removed, in French with its article joined to the preposition', () => {
    const data = { name: 'Aiyana', removed: { panel: 'ILIF' }, reviewsHandedOn: 0 };
    expect(renderEmail(emailTemplates['access-removed'], 'en', data, context).text).toContain('An administrator has removed you from the Indigenous review panel (Indigenous-Led Initiatives Fund).');
    expect(renderEmail(emailTemplates['access-removed'], 'fr', data, context).text).toContain('vous a retiré du comité d’évaluation autochtone (Fonds pour les initiatives dirigées par des Autochtones).');
  });

  it('tells a reviewer how many unsubmitted reviews went to others, and says nothing of reviews to anyone else', () => {
    const disabled = (reviewsHandedOn: number, locale: 'en' | 'fr') => renderEmail(emailTemplates['account-disabled'], locale, { name: 'Amélie', reviewsHandedOn }, context).text;
    expect(disabled(2, 'en')).toContain('The 2 reviews you had not submitted are no longer yours: they go to other reviewers.');
    expect(disabled(1, 'fr')).toContain('L’évaluation que vous n’aviez pas soumise ne vous est plus attribuée');
    expect(disabled(0, 'en')).not.toMatch(/review/);
    expect(disabled(0, 'en')).toContain('contact the program office at office@grants.example.ca');
  });
});
