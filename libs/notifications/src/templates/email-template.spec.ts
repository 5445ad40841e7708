import { emailTemplates } from './index';
import { renderEmail } from './email-template';

const context = { contact: { email: 'office@grants.example.ca', phone: '1-800-555-0199' } };
const ineligible = {
  organizationName: 'Nouvelle Voie',
  callTitle: { en: 'Survivor supports 2026', fr: 'Soutien aux personnes survivantes 2026' },
  referenceNumber: 'CBSF-2026-0007',
  reason: 'Outside Ontario',
  applicationUrl: 'http://localhost:3000/applications/1',
};

describe('emails and the program office contact', () => {
  it('gives the configured contact where an email tells the organization to contact the office', () => {
    expect(renderEmail(emailTemplates['application-ineligible'], 'en', ineligible, context).text).toContain(
      'If you think this is a mistake, contact the program office at office@grants.example.ca or 1-800-555-0199 and quote the reference number.',
    );
    expect(renderEmail(emailTemplates['application-ineligible'], 'fr', ineligible, context).text).toContain(
      'communiquez avec le bureau du programme à office@grants.example.ca ou au 1-800-555-0199 en indiquant le numéro de référence.',
    );
  });

  it('ends every email, whose replies nobody reads, with how to reach the office, as links in the HTML part', () => {
    const rendered = renderEmail(emailTemplates['password-reset'], 'fr', { name: 'Amélie', resetUrl: 'http://localhost:3000/r' }, context);
    expect(rendered.text.split('\n\n').at(-1)).toBe(
      'Subventions de l’Ontario pour la lutte contre la traite des personnes. Ce message a été envoyé automatiquement; les réponses ne sont pas lues. Pour communiquer avec le bureau du programme, écrivez à office@grants.example.ca ou composez le 1-800-555-0199.',
    );
    expect(rendered.html).toContain('<a href="mailto:office@grants.example.ca">office@grants.example.ca</a>');
    expect(rendered.html).toContain('<a href="tel:18005550199">1-800-555-0199</a>');
  });
});
