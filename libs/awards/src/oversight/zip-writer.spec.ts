import { ZipWriter } from './zip-writer';

async function bytesOf(zip: ZipWriter): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of zip.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('ZipWriter', () => {
  it('writes each entry once the reader has taken the one before', async () => {
    const zip = new ZipWriter();
    const read = bytesOf(zip);
    await zip.add('organization.json', '{"legalName":"Cercle ᐊᓂᔑᓈᐯ"}');
    await zip.add('applications/CBSF-2027-0001/attachments/fs.pdf', Buffer.from('%PDF-1.4'));
    zip.finish();
    const archive = await read;
    expect(archive.subarray(0, 4)).toEqual(Buffer.from('PK\u0003\u0004', 'latin1'));
    expect(archive.includes('applications/CBSF-2027-0001/attachments/fs.pdf')).toBe(true);
  });

  it('stops waiting when the archive is broken off', async () => {
    const zip = new ZipWriter();
    zip.fail(new Error('reader left'));
    await expect(zip.add('late.json', '{}')).rejects.toThrow();
  });
});
