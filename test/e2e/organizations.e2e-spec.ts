import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Mailbox, uniqueEmail } from '@grants/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { signedInUser, TestUser, tokenIn } from '../support/accounts';
import { startApi, startWorker } from '../support/apps';

const mailbox = new Mailbox();

const profile = {
  legalName: 'Centre d’amitié autochtone ᐅᑯᐊᐦᑕᐃᐦᑕᐏᐣ — Société Élan',
  operatingName: 'Élan',
  type: 'indigenous_organization',
  registrationNumber: '123456789RR0001',
  region: 'north',
  address: { line1: '12, chemin du Lac-Témiscamingue', city: 'Témiscaming', postalCode: 'p0h 1a0' },
  indigenousLed: true,
  preferredLanguage: 'fr',
};

describe('organizations', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let owner: TestUser;
  let organizationId: string;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    [app, worker] = await Promise.all([startApi(), startWorker()]);
    owner = await signedInUser(app);
    const created = await api().post('/api/v1/organizations').set(owner.auth).send(profile).expect(201);
    organizationId = created.body.id;
  });
  afterAll(async () => {
    await Promise.all([app.close(), worker.close()]);
  });

  it('keeps every character of the names typed, and makes the creator its owner', async () => {
    const response = await api().get(`/api/v1/organizations/${organizationId}`).set(owner.auth).expect(200);
    expect(response.body).toMatchObject({ ...profile, address: { ...profile.address, postalCode: 'P0H 1A0' }, version: 1 });
    expect(response.headers.etag).toBe('"1"');
    const me = await api().get('/api/v1/me').set(owner.auth).expect(200);
    expect(me.body.organizations).toEqual([{ id: organizationId, legalName: profile.legalName, role: 'owner', region: 'north' }]);
  });

  it('hides an organization from people outside it, and shows it to officers', async () => {
    const stranger = await signedInUser(app);
    const hidden = await api().get(`/api/v1/organizations/${organizationId}`).set(stranger.auth).expect(404);
    expect(hidden.body.code).toBe('NOT_FOUND');
    await api().patch(`/api/v1/organizations/${organizationId}`).set(stranger.auth).send({ version: 1, region: 'west' }).expect(404);
    await api().post(`/api/v1/organizations/${organizationId}/members`).set(stranger.auth).send({ email: uniqueEmail(), role: 'owner' }).expect(404);

    const officer = await signedInUser(app, ['officer']);
    await api().get(`/api/v1/organizations/${organizationId}`).set(officer.auth).expect(200);
    const refused = await api().patch(`/api/v1/organizations/${organizationId}`).set(officer.auth).send({ version: 1, region: 'west' }).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    await api().get(`/api/v1/organizations/${organizationId}`).expect(401);
  });

  it('updates with the version read, and refuses a stale version instead of overwriting', async () => {
    const own = await signedInUser(app);
    const created = await api().post('/api/v1/organizations').set(own.auth).send({ ...profile, legalName: 'Maison Sécurité' }).expect(201);
    const path = `/api/v1/organizations/${created.body.id}`;

    const updated = await api().patch(path).set(own.auth).send({ version: 1, operatingName: 'Maison Sécurité Nord' }).expect(200);
    expect(updated.body).toMatchObject({ version: 2, operatingName: 'Maison Sécurité Nord', legalName: 'Maison Sécurité' });

    const stale = await api().patch(path).set(own.auth).set('If-Match', '"1"').send({ region: 'east' }).expect(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: 2 } });
    const kept = await api().get(path).set(own.auth).expect(200);
    expect(kept.body.region).toBe('north');

    await api().patch(path).set(own.auth).send({ region: 'east' }).expect(400, /VERSION_REQUIRED/);
    const cleared = await api().patch(path).set(own.auth).send({ version: 2, legalName: null }).expect(400);
    expect(cleared.body.message).toEqual(['legalName cannot be cleared']);
    const invalid = await api().patch(path).set(own.auth).send({ version: 2, region: 'atlantis', address: { line1: 'x', city: 'y', postalCode: '12345' }, color: 'red' }).expect(400);
    expect(invalid.body.message).toEqual(
      expect.arrayContaining([
        'region must be one of the following values: central, east, north, toronto, west',
        'address.postalCode must be a Canadian postal code such as K1N 5M1',
        'color should not exist',
      ]),
    );

    const events = await app.get(DataSource).query(`SELECT action, actor_id FROM audit_event WHERE entity_id = $1 ORDER BY occurred_at`, [created.body.id]);
    expect(events).toEqual([
      { action: 'organization.created', actor_id: own.id },
      { action: 'organization.updated', actor_id: own.id },
    ]);
  });

  it('invites a colleague by email, who registers, accepts and edits as an editor', async () => {
    const email = uniqueEmail('colleague');
    const invited = await api().post(`/api/v1/organizations/${organizationId}/members`).set(owner.auth).send({ email, role: 'editor' }).expect(201);
    expect(invited.body).toMatchObject({ email, role: 'editor', status: 'pending' });

    const [invitation] = await mailbox.waitFor(email);
    expect(invitation!.subject).toBe(`Invitation à vous joindre à ${profile.legalName}`);

    await api().post('/api/v1/auth/register').send({ email, password: 'colleague passphrase', name: 'Jean Wabano', locale: 'en' }).expect(201);
    const [, verification] = await mailbox.waitFor(email, { count: 2 });
    await api().post('/api/v1/auth/verify-email').send({ token: tokenIn(verification!.text) }).expect(204);
    const login = await api().post('/api/v1/auth/login').send({ email, password: 'colleague passphrase' }).expect(200);
    const colleague = { Authorization: `Bearer ${login.body.accessToken}` };

    const me = await api().get('/api/v1/me').set(colleague).expect(200);
    expect(me.body.invitations).toEqual([expect.objectContaining({ id: invited.body.id, organizationId, organizationName: profile.legalName, role: 'editor' })]);

    const stranger = await signedInUser(app);
    await api().post(`/api/v1/invitations/${invited.body.id}/accept`).set(stranger.auth).expect(404);
    await api().post(`/api/v1/invitations/${invited.body.id}/accept`).set(colleague).expect(200, { organizationId, role: 'editor' });

    await api().get(`/api/v1/organizations/${organizationId}`).set(colleague).expect(200);
    await api().patch(`/api/v1/organizations/${organizationId}`).set(colleague).send({ version: 1, region: 'west' }).expect(403);
    const members = await api().get(`/api/v1/organizations/${organizationId}/members`).set(owner.auth).expect(200);
    expect(members.body.members.map((member: { email: string; role: string }) => [member.email, member.role])).toEqual([
      [owner.email, 'owner'],
      [email, 'editor'],
    ]);
  });

  it('shows the owner, in the access log, an officer reading the profile and the members, and not the members’ own reads', async () => {
    const officer = await signedInUser(app, ['officer']);
    const reads = async () =>
      ((await api().get(`/api/v1/organizations/${organizationId}/access-log?limit=100`).set(owner.auth).expect(200)).body.items as Array<{ action: string }>).filter((entry) =>
        ['organization.viewed', 'organization.members_viewed'].includes(entry.action),
      );
    const before = await reads();
    await api().get(`/api/v1/organizations/${organizationId}`).set(owner.auth).expect(200);
    await api().get(`/api/v1/organizations/${organizationId}/members`).set(owner.auth).expect(200);
    await api().get(`/api/v1/organizations/${organizationId}/members`).set((await signedInUser(app)).auth).expect(404);
    expect(await reads()).toEqual(before);

    await api().get(`/api/v1/organizations/${organizationId}`).set(officer.auth).expect(200);
    await api().get(`/api/v1/organizations/${organizationId}/members`).set(officer.auth).expect(200);
    const read = { occurredAt: expect.any(String), entityType: 'organization', entityId: organizationId, referenceNumber: null, actor: { name: 'Test officer', role: 'officer' } };
    expect(await reads()).toEqual([{ ...read, action: 'organization.members_viewed' }, { ...read, action: 'organization.viewed' }, ...before]);
  });

  it('refuses to invite someone who is already a member', async () => {
    const response = await api().post(`/api/v1/organizations/${organizationId}/members`).set(owner.auth).send({ email: owner.email, role: 'owner' }).expect(409);
    expect(response.body.code).toBe('ALREADY_MEMBER');
  });
});
