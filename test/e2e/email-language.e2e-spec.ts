import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { CapturedEmail, Mailbox, uniqueEmail } from '@grants/testing';
import request from 'supertest';
import { tokenIn } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { isolatedEnvironment } from '../support/databases';

const mailbox = new Mailbox();

// The address is the configured one in both languages; the English display name is MAIL_FROM's.
const SENDER = 'Ontario Grants Test <sender@grants.test>';
const FRENCH_SENDER = 'Subventions de l’Ontario pour la lutte contre la traite des personnes';
const CONTACT = { OFFICE_CONTACT_EMAIL: 'office@grants.test', OFFICE_CONTACT_PHONE: '1-800-555-0199' };

/** The emails an account owner gets on registering, resetting the password and registering again. */
async function accountEmails(api: () => ReturnType<typeof request>, locale: 'en' | 'fr', otherLocale: 'en' | 'fr'): Promise<CapturedEmail[]> {
  const email = uniqueEmail(`language-${locale}`);
  await api().post('/api/v1/auth/register').send({ email, password: 'a long enough passphrase', name: 'Rosalie Kataquapit', locale }).expect(201);
  const [verification] = await mailbox.waitFor(email);
  await api().post('/api/v1/auth/verify-email').send({ token: tokenIn(verification!.text) }).expect(204);
  await api().post('/api/v1/auth/password-reset').send({ email }).expect(202);
  await mailbox.waitFor(email, { count: 2 });
  // Someone registers the address again, in the other language: the owner is told in the account's.
  await api().post('/api/v1/auth/register').send({ email, password: 'another long passphrase', name: 'Someone Else', locale: otherLocale }).expect(201);
  const messages = await mailbox.waitFor(email, { count: 3 });
  return [...messages].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
}

describe('the language of emails, their sender and the office contact', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    // Workers of other test files must not send this file's emails with their own configuration.
    const config = testConfig({ ...(await isolatedEnvironment('email_language')), MAIL_FROM: SENDER, ...CONTACT });
    [app, worker] = await Promise.all([startApi(config), startWorker(config)]);
  });
  afterAll(async () => {
    await Promise.all([app.close(), worker.close()]);
  });

  it('sends a French account its verification, reset and “already have an account” emails in French, from the French sender name', async () => {
    const messages = await accountEmails(api, 'fr', 'en');

    expect(messages.map((message) => message.subject)).toEqual(['Confirmez votre adresse courriel', 'Choisissez un nouveau mot de passe', 'Vous avez déjà un compte']);
    for (const message of messages) {
      expect(message.from).toBe(`"${FRENCH_SENDER}" <sender@grants.test>`);
      expect(message.html).toContain('<html lang="fr">');
      expect(message.text).toContain('Pour communiquer avec le bureau du programme, écrivez à office@grants.test ou composez le 1-800-555-0199.');
      expect(message.html).toContain('<a href="mailto:office@grants.test">office@grants.test</a>');
      expect(message.html).toContain('<a href="tel:18005550199">1-800-555-0199</a>');
    }
  });

  it('sends an English account the same emails in English, from the configured sender', async () => {
    const messages = await accountEmails(api, 'en', 'fr');

    expect(messages.map((message) => message.subject)).toEqual(['Confirm your email address', 'Choose a new password', 'You already have an account']);
    for (const message of messages) {
      expect(message.from).toBe('"Ontario Grants Test" <sender@grants.test>');
      expect(message.html).toContain('<html lang="en">');
      expect(message.text).toContain('To contact the program office, write to office@grants.test or call 1-800-555-0199.');
    }
  });

  it('shows the office contact in every page’s footer, in both languages', async () => {
    for (const [language, words] of [
      ['en', 'To contact the program office, write to'],
      ['fr', 'Pour communiquer avec le bureau du programme, écrivez à'],
    ] as const) {
      for (const path of ['/', '/sign-in', '/no-such-page']) {
        const page = await api().get(path).set('Cookie', `grants_lang=${language}`);
        const footer = /<footer[\s\S]*<\/footer>/.exec(page.text)?.[0] ?? '';
        expect(footer).toContain(words);
        expect(footer).toContain('href="mailto:office@grants.test">office@grants.test</a>');
        expect(footer).toContain('href="tel:18005550199">1-800-555-0199</a>');
      }
    }
  });
});
