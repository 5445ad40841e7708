import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { INestApplication } from '@nestjs/common';
import { MAX_ATTACHMENT_BYTES } from '@grants/applications';
import request from 'supertest';
import { signedInUser, TestUser } from '../support/accounts';
import { ApiProcess, startApiProcess } from '../support/api-process';
import { startApi, testConfig } from '../support/apps';
import { organizationFor, PDF, publishedCall } from '../support/calls';

const MB = 1024 * 1024;
/** "A few MB": what the API may grow by while it refuses a dozen 25 MiB uploads. */
const GROWTH_LIMIT_BYTES = 20 * MB;
const KEY = 'financial_statements';
const FILLER = Buffer.alloc(64 * 1024, 0x20);

interface Answer {
  status: number;
  location: string | undefined;
  body: string;
  /** How much of the request had been sent when the answer came. */
  sentWhenAnswered: number;
}

interface Upload {
  answer: Answer;
  sha256: string;
}

/**
 * A multipart POST as a browser or curl sends it (the fields, then one file), on its own connection.
 * The file is a valid PDF padded with spaces to `size` bytes, generated as it is sent, so the test
 * never holds it. Sending stops when the answer has come, whether or not the file was all sent.
 */
async function postUpload(url: string, options: { size: number; headers?: Record<string, string>; fields?: Record<string, string>; holdAfter?: number }): Promise<Upload> {
  const boundary = `----upload${randomBytes(8).toString('hex')}`;
  const fieldParts = Object.entries(options.fields ?? {}).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const preamble = Buffer.from(`${fieldParts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="états financiers.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
  const epilogue = Buffer.from(`\r\n--${boundary}--\r\n`);
  const hash = createHash('sha256');
  let sent = 0;
  function* file(): Generator<Buffer> {
    yield PDF;
    for (let left = options.size - PDF.length; left > 0; left -= FILLER.length) {
      // The same unchanging chunk each time: the sender holds no more than its socket's buffers.
      yield left >= FILLER.length ? FILLER : FILLER.subarray(0, left);
    }
  }
  let answer: Promise<unknown> = Promise.resolve();
  async function* body(): AsyncGenerator<Buffer> {
    sent += preamble.length;
    yield preamble;
    for (const chunk of file()) {
      // Holding back the rest until the answer comes: an API that waited for the file never answers.
      if (options.holdAfter !== undefined && sent >= options.holdAfter) await answer;
      hash.update(chunk);
      sent += chunk.length;
      yield chunk;
    }
    sent += epilogue.length;
    yield epilogue;
  }
  // A connection of its own that stays open, as a browser's: an agent-less request would ask the
  // API to close the connection after answering, and so cut off the rest of a refused upload.
  const agent = new http.Agent({ keepAlive: true });
  const outgoing = http.request(url, {
    method: 'POST',
    agent,
    headers: { ...options.headers, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(preamble.length + options.size + epilogue.length) },
  });
  const answered = new Promise<Answer>((resolve, reject) => {
    outgoing.once('response', (response) => {
      const sentWhenAnswered = sent;
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.once('end', () => {
        resolve({ status: response.statusCode ?? 0, location: response.headers.location, body: text, sentWhenAnswered });
        // Answered before the whole file was sent: stop sending it, as a browser does (Node's client
        // would otherwise hold the rest until the API's keep-alive timeout closes the connection).
        if (!outgoing.writableFinished) outgoing.destroy();
      });
      response.once('error', reject);
    });
    outgoing.once('error', reject);
  });
  answer = answered.catch(() => undefined);
  const sending = pipeline(Readable.from(body()), outgoing).catch((error: unknown) => error);
  try {
    const answer = await answered;
    await sending;
    return { answer, sha256: hash.digest('hex') };
  } finally {
    agent.destroy();
  }
}

describe('uploads: refused before they are read, streamed to storage, never held whole in memory', () => {
  let app: INestApplication;
  let measured: ApiProcess;
  let officer: TestUser;
  let owner: TestUser;
  let stranger: TestUser;
  let applicationId: string;
  const api = () => request(app.getHttpServer());

  /** A page's CSRF cookie and token for a signed-in person, as their browser has them. */
  async function pageForm(user: TestUser): Promise<{ cookie: string; token: string }> {
    const session = `grants_session=${user.token}`;
    const page = await request(measured.url).get('/').set('Cookie', session).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    const csrfCookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((header) => header.split(';')[0]).find((cookie) => cookie?.startsWith('grants_csrf='));
    if (!token || !csrfCookie) throw new Error('the page has no CSRF field or cookie');
    return { cookie: `${session}; ${csrfCookie}`, token };
  }

  /** Uploads to the API's route and the page's, by someone (a signed-in user) or no one. */
  async function uploaders(user: TestUser | null): Promise<{ viaApi: (size: number, holdAfter?: number, key?: string) => Promise<Upload>; viaPage: (size: number, holdAfter?: number) => Promise<Upload> }> {
    const form = user ? await pageForm(user) : null;
    return {
      viaApi: (size, holdAfter, key = 'other') => postUpload(`${measured.url}/api/v1/applications/${applicationId}/attachments`, { size, holdAfter, headers: user ? user.auth : {}, fields: { key } }),
      viaPage: (size, holdAfter) =>
        postUpload(`${measured.url}/applications/${applicationId}/edit/attachments/${KEY}${form ? `?_csrf=${encodeURIComponent(form.token)}` : ''}`, {
          size,
          holdAfter,
          headers: { Accept: 'text/html', ...(form ? { Cookie: form.cookie } : {}) },
        }),
    };
  }

  async function storedFiles(): Promise<string[]> {
    return readdir(path.join(testConfig().dataDir, 'files', 'applications', applicationId)).catch(() => []);
  }

  beforeAll(async () => {
    app = await startApi();
    // The API under measurement runs alone in a child process: measured in this process, the
    // figures would mix in the test runner's heap and the sending client's buffers, and a child's
    // /proc/<pid>/status gives its resident memory and, after clear_refs, its peak (VmHWM), which
    // sampling could miss between two reads.
    measured = await startApiProcess();
    [officer, owner, stranger] = await Promise.all([signedInUser(app, ['officer']), signedInUser(app), signedInUser(app)]);
    const callId = await publishedCall(app, officer);
    const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner)).expect(201);
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201);
    applicationId = draft.body.id as string;
  });
  afterAll(async () => {
    await Promise.all([measured?.stop(), app?.close()]);
  });

  it('refuses a dozen 25 MiB uploads by no one or the wrong person, on the API and the page, without the API growing', async () => {
    const [anonymous, nonMember, officerOutside] = await Promise.all([uploaders(null), uploaders(stranger), uploaders(officer)]);
    const signInPath = `/sign-in?next=${encodeURIComponent(`/applications/${applicationId}/edit/attachments`)}`;
    // Each refusal as the contract has it: 401 and sign-in for no one; 404 for a stranger, to whom
    // the application does not exist; 403 for an officer, who may read it but not change it.
    const kinds: Array<{ send: (size: number, holdAfter?: number) => Promise<Upload>; status: number; location?: string }> = [
      { send: (size, holdAfter) => anonymous.viaApi(size, holdAfter), status: 401 },
      { send: (size, holdAfter) => anonymous.viaPage(size, holdAfter), status: 303, location: signInPath },
      { send: (size, holdAfter) => nonMember.viaApi(size, holdAfter), status: 404 },
      { send: (size, holdAfter) => nonMember.viaPage(size, holdAfter), status: 404 },
      { send: (size, holdAfter) => officerOutside.viaApi(size, holdAfter), status: 403 },
      { send: (size, holdAfter) => officerOutside.viaPage(size, holdAfter), status: 403 },
    ];
    const expectRefused = ({ answer }: Upload, kind: (typeof kinds)[number]): void => {
      expect({ status: answer.status, location: answer.location }).toEqual({ status: kind.status, location: kind.location });
    };
    // Answered before the file: each kind, with all but its first megabyte held back until the
    // answer comes (a refusal that waited for the body would never come).
    for (const kind of kinds) {
      const held = await kind.send(MAX_ATTACHMENT_BYTES, MB);
      expectRefused(held, kind);
      expect(held.answer.sentWhenAnswered).toBeLessThanOrEqual(MB + FILLER.length);
    }
    const dozen = [...kinds, ...kinds];
    const refuseAll = (size: number): Promise<Upload[]> => Promise.all(dozen.map((kind) => kind.send(size)));
    // Not counted: a round of small files, for what the API loads to serve each kind; then a dozen
    // 25 MiB bodies sent at once to an address that no route takes, which no upload code reads.
    // Node throws such a body away as it arrives, as it does a refused upload's, and the spent
    // chunks stay resident until the garbage collector reclaims them: this brings the API to its
    // working size for that traffic. Uploads held in memory would add their 25 MiB each on top.
    (await refuseAll(64 * 1024)).forEach((upload, index) => expectRefused(upload, dozen[index]!));
    const unrouted = await Promise.all(dozen.map(() => postUpload(`${measured.url}/api/v1/no-such-route`, { size: MAX_ATTACHMENT_BYTES, fields: { key: 'other' } })));
    expect(unrouted.map((upload) => upload.answer.status)).toEqual(dozen.map(() => 404));

    const before = measured.residentBytes();
    measured.resetPeak();
    const refused = await refuseAll(MAX_ATTACHMENT_BYTES);
    const growth = measured.peakBytes() - before;
    process.stdout.write(`\nAPI resident memory ${(before / MB).toFixed(1)} MB; peak while refusing 12 × 25 MiB at once: +${(growth / MB).toFixed(1)} MB\n`);

    expect(growth).toBeLessThan(GROWTH_LIMIT_BYTES);
    refused.forEach((upload, index) => expectRefused(upload, dozen[index]!));
    expect(await storedFiles()).toEqual([]);
  });

  it('takes a member’s 25 MiB files through the API and the page as streams, and refuses one byte more beside the field', async () => {
    const member = await uploaders(owner);
    await member.viaApi(64 * 1024); // what a first accepted upload loads, not counted
    const before = measured.residentBytes();
    measured.resetPeak();
    const [viaApi, viaPage, ...others] = await Promise.all([member.viaApi(MAX_ATTACHMENT_BYTES), member.viaPage(MAX_ATTACHMENT_BYTES), member.viaApi(MAX_ATTACHMENT_BYTES), member.viaPage(MAX_ATTACHMENT_BYTES)]);
    const growth = measured.peakBytes() - before;
    process.stdout.write(`\nAPI peak while storing 4 × 25 MiB of a member's at once, through the API and the page: +${(growth / MB).toFixed(1)} MB\n`);
    // Held in memory, the four files would take 100 MiB. Streamed, the API holds only the chunks
    // in flight and those its garbage collector has not reclaimed yet (a lone 25 MiB stream through
    // a bare Node server peaks at about +17 MB for that reason alone): less than two files' worth.
    expect(growth).toBeLessThan(2 * MAX_ATTACHMENT_BYTES);

    for (const upload of [viaApi, others[0]!]) {
      expect(upload.answer.status).toBe(201);
      expect(JSON.parse(upload.answer.body)).toMatchObject({ key: 'other', filename: 'états financiers.pdf', contentType: 'application/pdf', sizeBytes: MAX_ATTACHMENT_BYTES, sha256: upload.sha256 });
    }
    for (const upload of [viaPage, others[1]!]) {
      expect({ status: upload.answer.status, location: upload.answer.location }).toEqual({ status: 303, location: `/applications/${applicationId}/edit/attachments?notice=uploaded#document-${KEY}` });
    }

    const tooLargeViaApi = await member.viaApi(MAX_ATTACHMENT_BYTES + 1);
    expect(tooLargeViaApi.answer.status).toBe(413);
    expect(JSON.parse(tooLargeViaApi.answer.body)).toMatchObject({ code: 'FILE_TOO_LARGE' });
    const tooLargeViaPage = await member.viaPage(MAX_ATTACHMENT_BYTES + 1);
    expect(tooLargeViaPage.answer.status).toBe(422);
    expect(tooLargeViaPage.answer.body).toContain('id="file-financial_statements-error"');
    expect(tooLargeViaPage.answer.body).toContain('The file is larger than 25 MB. Attach a smaller file.');

    const { attachments } = (await api().get(`/api/v1/applications/${applicationId}`).set(owner.auth).expect(200)).body as { attachments: Array<{ key: string; sizeBytes: number; sha256: string }> };
    expect(attachments.filter((attachment) => attachment.sizeBytes === MAX_ATTACHMENT_BYTES).map((attachment) => attachment.key).sort()).toEqual([KEY, KEY, 'other', 'other']);
    expect(attachments.filter((attachment) => attachment.key === KEY).map((attachment) => attachment.sha256)).toEqual([viaPage.sha256, viaPage.sha256]);
    // Nothing of the refused files is kept, not even a partial file.
    expect(await storedFiles()).toHaveLength(5);
  });

  it('tells a client that asks first (Expect: 100-continue, as curl does) to send its file only once the upload is allowed', async () => {
    const ask = (headers: Record<string, string>): Promise<{ continued: boolean; status: number }> =>
      new Promise((resolve, reject) => {
        const boundary = `----ask${randomBytes(8).toString('hex')}`;
        const body = Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="key"\r\n\r\nother\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="asked.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
          PDF,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        let continued = false;
        const outgoing = http.request(`${measured.url}/api/v1/applications/${applicationId}/attachments`, {
          method: 'POST',
          headers: { ...headers, Expect: '100-continue', 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(body.length) },
        });
        outgoing.once('continue', () => {
          continued = true;
          outgoing.end(body);
        });
        outgoing.once('response', (response) => {
          response.resume();
          response.once('end', () => {
            resolve({ continued, status: response.statusCode ?? 0 });
            if (!continued) outgoing.destroy();
          });
        });
        outgoing.once('error', reject);
        outgoing.flushHeaders();
      });
    // Refused on the headers alone: the file is never sent.
    expect(await ask({})).toEqual({ continued: false, status: 401 });
    expect(await ask(stranger.auth)).toEqual({ continued: false, status: 404 });
    // Allowed: asked for, then stored.
    expect(await ask(owner.auth)).toEqual({ continued: true, status: 201 });
  });
});

/** The local file header of a zip entry stored as is: all that file-type reads of a zip. */
function zipEntry(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt32LE(content.length, 18);
  header.writeUInt32LE(content.length, 22);
  header.writeUInt16LE(Buffer.byteLength(name), 26);
  return Buffer.concat([header, Buffer.from(name), content]);
}

describe('attachment types, told from the bytes of a streamed file', () => {
  let app: INestApplication;
  let owner: TestUser;
  let applicationId: string;
  const api = () => request(app.getHttpServer());
  const upload = (content: Buffer, filename: string) => api().post(`/api/v1/applications/${applicationId}/attachments`).set(owner.auth).field('key', 'other').attach('file', content, filename);

  beforeAll(async () => {
    app = await startApi();
    const [officer, member] = await Promise.all([signedInUser(app, ['officer']), signedInUser(app)]);
    owner = member;
    const callId = await publishedCall(app, officer);
    const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner)).expect(201);
    applicationId = (await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201)).body.id as string;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('recognises a DOCX or XLSX whose parts name the type only past the first 64 KiB', async () => {
    const thumbnail = zipEntry('docProps/thumbnail.jpeg', randomBytes(200 * 1024));
    const docx = await upload(Buffer.concat([thumbnail, zipEntry('word/document.xml', Buffer.from('<w:document/>'))]), 'plan.docx').expect(201);
    expect(docx.body).toMatchObject({ filename: 'plan.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    const xlsx = await upload(Buffer.concat([thumbnail, zipEntry('xl/workbook.xml', Buffer.from('<workbook/>'))]), 'budget.xlsx').expect(201);
    expect(xlsx.body.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('refuses a plain zip, another type or an empty file, and keeps none of them', async () => {
    const files = path.join(testConfig().dataDir, 'files', 'applications', applicationId);
    const kept = async () => readdir(files).catch(() => []);
    const before = (await kept()).length;
    expect((await upload(zipEntry('notes/readme.txt', randomBytes(100 * 1024)), 'notes.zip').expect(415)).body.code).toBe('UNSUPPORTED_FILE_TYPE');
    expect((await upload(Buffer.concat([Buffer.from('MZ'), randomBytes(90 * 1024)]), 'report.pdf').expect(415)).body.code).toBe('UNSUPPORTED_FILE_TYPE');
    expect((await upload(Buffer.alloc(0), 'empty.pdf').expect(400)).body.code).toBe('EMPTY_FILE');
    expect(await kept()).toHaveLength(before);
  });

  it('asks for the key before the file, and for exactly one file in the field "file"', async () => {
    const boundary = 'file-before-key';
    const fileFirst = await api()
      .post(`/api/v1/applications/${applicationId}/attachments`)
      .set(owner.auth)
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .send(
        Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n`),
          PDF,
          Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="key"\r\n\r\nother\r\n--${boundary}--\r\n`),
        ]),
      )
      .expect(400);
    expect(fileFirst.body.code).toBe('VALIDATION_FAILED');
    const otherField = await api().post(`/api/v1/applications/${applicationId}/attachments`).set(owner.auth).field('key', 'other').attach('document', PDF, 'a.pdf').expect(400);
    expect(otherField.body.code).toBe('UNEXPECTED_FILE_FIELD');
    const noFile = await api().post(`/api/v1/applications/${applicationId}/attachments`).set(owner.auth).field('key', 'other').expect(400);
    expect(noFile.body.code).toBe('FILE_REQUIRED');
    await api().post(`/api/v1/applications/${applicationId}/attachments`).set(owner.auth).field('key', 'unknown').attach('file', PDF, 'a.pdf').expect(400);
  });
});
