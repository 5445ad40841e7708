import { randomUUID } from 'node:crypto';
import { createApplicant, serviceTestContext, ServiceTestContext } from '@grants/testing';
import { DataSource } from 'typeorm';
import { KEPT_BROWSER_FORMS_MAX, KEPT_FORM_MAX_BYTES, KEPT_FORMS_PER_OWNER, KeptFormService } from './kept-form.service';

/**
 * KeptFormService's limits: what a form holds after its session ended is kept only up to a size,
 * and only a few copies per browser or account, so that a browser token nobody signs in with cannot
 * fill the table.
 */
describe('kept forms', () => {
  let services: ServiceTestContext;
  let keptForms: KeptFormService;

  beforeAll(async () => {
    services = await serviceTestContext();
    keptForms = services.get(KeptFormService);
  });
  afterAll(() => services.close());

  const formOf = (browserToken: string | null, formPath: string, text: string) => ({ sessionToken: null, browserToken, formPath, fields: { need: text } });

  it('keeps a form of up to 200 KB (as JSON, in bytes), and nothing of a larger one', async () => {
    const person = await createApplicant(services);
    const token = randomUUID();
    const path = `/applications/${randomUUID()}/edit/project`;
    // Fewer characters than the limit, but two bytes each.
    await expect(keptForms.keep(formOf(token, path, 'é'.repeat(KEPT_FORM_MAX_BYTES / 2)))).resolves.toBeNull();
    await keptForms.claim(person.userId, token);
    await expect(keptForms.take(person, path)).resolves.toBeNull();

    // `{"need":"…"}` is 11 bytes more than the text: this one is exactly at the limit.
    const fits = 'x'.repeat(KEPT_FORM_MAX_BYTES - 11);
    await expect(keptForms.keep(formOf(token, path, fits))).resolves.toEqual({ browserToken: token });
    await keptForms.claim(person.userId, token);
    await expect(keptForms.take(person, path)).resolves.toEqual({ need: fits });
  });

  it(`keeps the newest ${KEPT_FORMS_PER_OWNER} copies of a browser, which signing in there gives to the account`, async () => {
    const person = await createApplicant(services);
    const paths = Array.from({ length: KEPT_FORMS_PER_OWNER + 2 }, () => `/organizations/${randomUUID()}`);
    const first = await keptForms.keep(formOf(null, paths[0]!, 'form 0'));
    const token = first!.browserToken!;
    for (const [index, path] of paths.entries()) if (index > 0) await keptForms.keep(formOf(token, path, `form ${index}`));

    await keptForms.claim(person.userId, token);
    const taken = await Promise.all(paths.map((path) => keptForms.take(person, path)));
    expect(taken).toEqual([null, null, ...paths.slice(2).map((_path, index) => ({ need: `form ${index + 2}` }))]);
  });

  it(`keeps an account's newest ${KEPT_FORMS_PER_OWNER} copies when a browser's are added to its own`, async () => {
    const person = await createApplicant(services);
    const own = Array.from({ length: KEPT_FORMS_PER_OWNER }, () => `/organizations/${randomUUID()}`);
    const earlier = randomUUID();
    for (const path of own) await keptForms.keep(formOf(earlier, path, 'earlier'));
    await keptForms.claim(person.userId, earlier);
    const later = randomUUID();
    const newer = `/organizations/${randomUUID()}/members`;
    await keptForms.keep(formOf(later, newer, 'later'));
    await keptForms.claim(person.userId, later);

    await expect(keptForms.take(person, newer)).resolves.toEqual({ need: 'later' });
    await expect(keptForms.take(person, own[0]!)).resolves.toBeNull();
    await expect(keptForms.take(person, own[1]!)).resolves.toEqual({ need: 'earlier' });
  });

  it(`keeps nothing more for browsers without a session once ${KEPT_BROWSER_FORMS_MAX} browser copies are held, and again once they are gone`, async () => {
    const dataSource = services.get(DataSource);
    // Clients that drop the cookie at every post: each copy has its own token.
    await dataSource.query(
      `INSERT INTO kept_form (browser_token_hash, form_path, fields, expires_at)
       SELECT sha256(gen_random_uuid()::text::bytea), '/organizations/new', '{}', now() + interval '1 hour' FROM generate_series(1, $1)`,
      [KEPT_BROWSER_FORMS_MAX],
    );
    try {
      await expect(keptForms.keep(formOf(null, '/organizations/new', 'one more'))).resolves.toBeNull();
    } finally {
      await dataSource.query(`DELETE FROM kept_form WHERE browser_token_hash IS NOT NULL`);
    }
    await expect(keptForms.keep(formOf(null, '/organizations/new', 'room again'))).resolves.toEqual({ browserToken: expect.any(String) });
  });
});
