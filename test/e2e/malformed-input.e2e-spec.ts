import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { uniqueEmail } from '@grants/testing';
import request from 'supertest';
import { signedInUser, TestUser } from '../support/accounts';
import { startApi } from '../support/apps';
import { callBody, ORGANIZATION, organizationFor, PDF } from '../support/calls';

const forged = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

describe('malformed input: forged cursors, characters no text can hold, bad identifiers and dates answer 400 naming the problem', () => {
  let app: INestApplication;
  let officer: TestUser;
  let owner: TestUser;
  let organizationId: string;
  let applicationId: string;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await startApi();
    officer = await signedInUser(app, ['officer']);
    owner = await signedInUser(app);
    const callId = (await api().post('/api/v1/calls').set(officer.auth).send(callBody()).expect(201)).body.id as string;
    await api().post(`/api/v1/calls/${callId}/publish`).set(officer.auth).expect(200);
    organizationId = (await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner)).expect(201)).body.id as string;
    applicationId = (await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId }).expect(201)).body.id as string;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses cursors it never gave out: a sequence past bigint, an id of hyphens, a year PostgreSQL cannot hold', async () => {
    const refused = [
      api().get(`/api/v1/audit?entityId=${applicationId}&cursor=${forged('seq|9999999999999999999')}`).set(officer.auth),
      api().get(`/api/v1/organizations/${organizationId}/access-log?cursor=${forged('seq|9999999999999999999')}`).set(owner.auth),
      api().get(`/api/v1/applications?cursor=${forged(`2026-01-01T00:00:00.000Z|${'-'.repeat(36)}`)}`).set(owner.auth),
      api().get(`/api/v1/applications?cursor=${forged(`+275760-09-13T00:00:00.000Z|${randomUUID()}`)}`).set(owner.auth),
      api().get(`/api/v1/calls?cursor=${forged(`1900-01-01T00:00:00.000Z|${randomUUID()}`)}`),
    ];
    for (const answer of await Promise.all(refused)) expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 400, code: 'INVALID_CURSOR' });
    // A cursor the API gave out still turns the page.
    const first = await api().get(`/api/v1/organizations/${organizationId}/access-log?limit=1`).set(owner.auth).expect(200);
    await api().get(`/api/v1/organizations/${organizationId}/access-log?limit=1&cursor=${first.body.nextCursor}`).set(owner.auth).expect(200);
  });

  it('refuses U+0000 in a JSON body, naming the field, even deep in the answers', async () => {
    const register = await api().post('/api/v1/auth/register').send({ email: uniqueEmail('nul'), password: 'a long enough password 1', name: 'Ana\u0000Lopez', locale: 'en' }).expect(400);
    expect(register.body).toMatchObject({ code: 'INVALID_CHARACTER', details: { field: 'name' } });
    const draft = await api().get(`/api/v1/applications/${applicationId}`).set(owner.auth).expect(200);
    const patch = await api().patch(`/api/v1/applications/${applicationId}`).set(owner.auth).send({ version: draft.body.version, answers: { need: 'Housing\u0000' } }).expect(400);
    expect(patch.body).toMatchObject({ code: 'INVALID_CHARACTER', details: { field: 'answers.need' } });
    // The same text without it is taken.
    await api().patch(`/api/v1/applications/${applicationId}`).set(owner.auth).send({ version: draft.body.version, answers: { need: 'Housing' } }).expect(200);
  });

  it('refuses U+0000 in a page form, an upload’s fields and file name, a query parameter and the path', async () => {
    const page = await api().post('/sign-in').type('form').send(`email=ana%00%40example.org&password=x`).expect(400).expect('Content-Type', /html/);
    expect(page.text).toContain('INVALID_CHARACTER');
    const key = await api().post(`/api/v1/applications/${applicationId}/attachments`).set(owner.auth).field('key', 'financial_statements\u0000').attach('file', PDF, 'fs.pdf').expect(400);
    expect(key.body).toMatchObject({ code: 'INVALID_CHARACTER', details: { field: 'key' } });
    // A file name percent-encoded in the part's header (RFC 5987), as the header itself cannot hold it.
    const parts = [
      '--b\r\nContent-Disposition: form-data; name="key"\r\n\r\nfinancial_statements\r\n',
      `--b\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''fs%00.pdf\r\nContent-Type: application/pdf\r\n\r\n${PDF.toString('latin1')}\r\n--b--\r\n`,
    ];
    const fileName = await api().post(`/api/v1/applications/${applicationId}/attachments`).set(owner.auth).set('Content-Type', 'multipart/form-data; boundary=b').send(parts.join('')).expect(400);
    expect(fileName.body).toMatchObject({ code: 'INVALID_CHARACTER', details: { field: 'file (its file name)' } });
    const query = await api().get('/api/v1/calls?status=open%00').expect(400);
    expect(query.body).toMatchObject({ code: 'INVALID_CHARACTER', details: { parameter: 'status' } });
    const path = await api().get('/api/v1/applications/%00').set(owner.auth).expect(400);
    expect(path.body).toMatchObject({ code: 'INVALID_CHARACTER', details: { in: 'path' } });
  });

  it('refuses an empty list where an object is expected, and a version no row can have', async () => {
    const address = await api().post('/api/v1/organizations').set(owner.auth).send({ ...ORGANIZATION, address: [] }).expect(400);
    expect(address.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.arrayContaining(['address must be an object']) });
    const rubric = await api().post('/api/v1/calls').set(officer.auth).send(callBody({ rubric: [] })).expect(400);
    expect(rubric.body.message).toContain('rubric must be an object');
    expect((await api().patch(`/api/v1/organizations/${organizationId}`).set(owner.auth).send({ version: 2 ** 31, legalName: 'Refuge' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await api().post('/api/v1/calls').set(officer.auth).send(callBody({ outcomeMeasures: null })).expect(400)).body.message).toEqual(['outcomeMeasures cannot be cleared']);
    expect((await api().get(`/api/v1/applications/${applicationId}/snapshots/99999999999999999999/pdf`).set(owner.auth).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await api().patch(`/api/v1/organizations/${organizationId}`).set(owner.auth).set('If-Match', '"99999999999999999999"').send({ legalName: 'Refuge' }).expect(400)).body.code).toBe('INVALID_IF_MATCH');
  });

  it('takes a cookie written as JSON for one never sent, where the form token check broke on it', async () => {
    const jsonCookie = `grants_csrf=${encodeURIComponent('j:{"a":1}')}`;
    await api().get('/sign-in').set('Cookie', jsonCookie).expect(200);
    expect((await api().post('/sign-in').set('Cookie', jsonCookie).type('form').send('email=ana%40example.org&password=x&_csrf=x').expect(403)).text).toContain('This form expired');
  });

  it('refuses an identifier that is not a uuid and a date that does not exist', async () => {
    expect((await api().get('/api/v1/applications/not-a-uuid').set(owner.auth).expect(400)).body.message).toMatch(/uuid/);
    const feb30 = await api().post('/api/v1/calls').set(officer.auth).send(callBody({ opensAt: '2027-02-30T09:00:00-05:00' })).expect(400);
    expect(feb30.body).toMatchObject({ code: 'VALIDATION_FAILED', message: [expect.stringMatching(/^opensAt must be a real date and time/)] });
    const farFuture = await api().post('/api/v1/calls').set(officer.auth).send(callBody({ closesAt: '+275760-09-13T00:00:00.000Z' })).expect(400);
    expect(farFuture.body.message).toEqual([expect.stringMatching(/^closesAt must be a real date/)]);
  });
});
