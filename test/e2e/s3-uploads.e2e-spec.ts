import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { signedInUser, TestUser } from '../support/accounts';
import { startApi, testConfig } from '../support/apps';
import { organizationFor, PDF, publishedCall } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';
import { S3Server, startS3Server } from '../support/s3-server';

const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

describe('uploads with S3_BUCKET set: kept in the bucket, not on the local disk', () => {
  let s3: S3Server;
  let client: S3Client;
  let dataDir: string;
  let app: INestApplication;
  let owner: TestUser;
  let applicationId: string;
  const saved: Record<string, string | undefined> = {};
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    // The AWS SDK takes credentials from the process environment (its default chain), not from AppConfig.
    for (const [name, value] of Object.entries(CREDENTIALS)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    [s3, dataDir] = await Promise.all([startS3Server('grants-uploads'), mkdtemp(path.join(tmpdir(), 'grants-data-'))]);
    client = new S3Client({ region: 'ca-central-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    const env = await isolatedEnvironment('s3_uploads');
    app = await startApi(testConfig({ ...env, ...CREDENTIALS, DATA_DIR: dataDir, S3_BUCKET: s3.bucket, S3_ENDPOINT: s3.endpoint }));
    const officer = await signedInUser(app, ['officer']);
    owner = await signedInUser(app);
    const callId = await publishedCall(app, officer);
    const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner)).expect(201);
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201);
    applicationId = draft.body.id as string;
  });
  afterAll(async () => {
    await app?.close();
    client?.destroy();
    await Promise.all([s3?.stop(), dataDir && rm(dataDir, { recursive: true, force: true })]);
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('reports storage up, stores an uploaded attachment in the bucket and serves it back from there', async () => {
    const health = await fetch(`${await app.getUrl()}/api/v1/health`);
    expect(((await health.json()) as { storage: string }).storage).toBe('up');

    // A PDF of a few MB, so the upload reaches storage as a stream of many chunks.
    const file = Buffer.concat([PDF, randomBytes(3 * 1024 * 1024)]);
    const uploaded = await api()
      .post(`/api/v1/applications/${applicationId}/attachments`)
      .set(owner.auth)
      .field('key', 'other')
      .attach('file', file, { filename: 'budget.pdf', contentType: 'application/pdf' })
      .expect(201);
    const sha256 = createHash('sha256').update(file).digest('hex');
    expect(uploaded.body).toMatchObject({ key: 'other', contentType: 'application/pdf', sizeBytes: file.length, sha256 });

    const download = await fetch(`${await app.getUrl()}/api/v1/applications/${applicationId}/attachments/${uploaded.body.id}`, { headers: owner.auth });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(file)).toBe(true);

    const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
    const key = `applications/${applicationId}/${uploaded.body.id}`;
    expect(listed.Contents?.map((object) => ({ key: object.Key, size: object.Size }))).toEqual([{ key, size: file.length }]);
    const object = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(file)).toBe(true);
    expect(await readdir(dataDir, { recursive: true })).toEqual([]);
  });
});
