import { sanitizeFilename } from './filename';

describe('sanitizeFilename', () => {
  it('keeps a name as typed, accents and syllabics included', () => {
    expect(sanitizeFilename('Lettre d’appui — ᐊᓂᔑᓈᐯ.pdf', 'pdf')).toBe('Lettre d’appui — ᐊᓂᔑᓈᐯ.pdf');
  });

  it('drops any path, so a name can never point elsewhere', () => {
    expect(sanitizeFilename('../../etc/passwd.pdf', 'pdf')).toBe('passwd.pdf');
    expect(sanitizeFilename('C:\\Users\\me\\budget.xlsx', 'xlsx')).toBe('budget.xlsx');
  });

  it('gives the extension of the detected type, whatever the name claimed', () => {
    expect(sanitizeFilename('photo.pdf', 'png')).toBe('photo.png');
    expect(sanitizeFilename('report', 'pdf')).toBe('report.pdf');
  });

  it('removes control and bidi-override characters that disguise an extension', () => {
    expect(sanitizeFilename('invoice\u202Efdp.exe', 'pdf')).toBe('invoicefdp.pdf');
    expect(sanitizeFilename('a\u0000b\nc.pdf', 'pdf')).toBe('abc.pdf');
  });

  it('names a nameless file and shortens a very long one, keeping its extension', () => {
    expect(sanitizeFilename('.pdf', 'pdf')).toBe('document.pdf');
    const long = sanitizeFilename(`${'é'.repeat(300)}.pdf`, 'pdf');
    expect([...long]).toHaveLength(200);
    expect(long.endsWith('é.pdf')).toBe(true);
  });
});
