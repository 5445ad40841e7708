import { CATALOGS } from './i18n';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();

describe('the English and French catalogs', () => {
  it('have the same keys', () => {
    expect(Object.keys(CATALOGS.fr).sort()).toEqual(Object.keys(CATALOGS.en).sort());
  });

  it('use the same placeholders in both languages, and no text is left empty', () => {
    for (const key of Object.keys(CATALOGS.en) as Array<keyof typeof CATALOGS.en>) {
      expect({ key, placeholders: placeholders(CATALOGS.fr[key]) }).toEqual({ key, placeholders: placeholders(CATALOGS.en[key]) });
      expect(CATALOGS.en[key].trim()).not.toBe('');
      expect(CATALOGS.fr[key].trim()).not.toBe('');
    }
  });
});
