import { pathSegment, slugOf, UniqueNames } from './export-names';

describe('export names', () => {
  it('slugs French names without their accents, and falls back for names in syllabics', () => {
    expect(slugOf('Services communautaires Élan — Nord', 'organization')).toBe('services-communautaires-elan-nord');
    expect(slugOf('ᐊᓂᔑᓈᐯ ᑭᓇᑐᐃᓇᐣ', 'organization')).toBe('organization');
    expect(slugOf('Cercle ᐊᓂᔑᓈᐯ', 'organization')).toBe('cercle');
  });

  it('keeps a path segment inside its folder', () => {
    expect(pathSegment('../../etc/passwd', 'file')).toBe('__.._etc_passwd');
    expect(pathSegment('états financiers.pdf', 'file')).toBe('états financiers.pdf');
    expect(pathSegment('..', 'file')).toBe('_');
    expect(pathSegment('', 'file')).toBe('file');
  });

  it('numbers repeated file names', () => {
    const names = new UniqueNames();
    expect(['fs.pdf', 'fs.pdf', 'FS.pdf', 'notes'].map((name) => names.claim(name))).toEqual(['fs.pdf', 'fs (2).pdf', 'FS (3).pdf', 'notes']);
  });
});
