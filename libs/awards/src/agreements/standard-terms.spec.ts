import { uncoveredCodePoints } from '@grants/documents';
import { STANDARD_TERMS } from './standard-terms';

const funds = Object.entries(STANDARD_TERMS);

describe('STANDARD_TERMS', () => {
  it.each(funds)('words every %s clause in both languages, as a blank would show in the PDF', (fund, terms) => {
    expect(terms.termsVersion).toMatch(new RegExp(`^${fund}-\\d{4}\\.\\d+$`));
    expect(terms.clauses.length).toBeGreaterThanOrEqual(12);
    for (const { heading, text } of terms.clauses) {
      for (const words of [heading.en, heading.fr, text.en, text.fr]) expect(words.trim()).not.toBe('');
    }
    expect(new Set(terms.clauses.map((clause) => clause.heading.en)).size).toBe(terms.clauses.length);
  });

  it.each(funds)('keeps %s records for seven years and allows amendments only signed by both parties', (_fund, terms) => {
    const texts = terms.clauses.map((clause) => clause.text);

    expect(texts.some((text) => text.en.includes('at least seven years') && text.fr.includes('au moins sept ans'))).toBe(true);
    expect(texts.some((text) => text.en.includes('amended only in writing, executed by both parties') && text.fr.includes('signé par les deux parties'))).toBe(true);
  });

  it.each(funds)('sets %s French with a no-break space before a colon and inside « »', (_fund, terms) => {
    for (const { heading, text } of terms.clauses) {
      for (const words of [heading.fr, text.fr]) expect(words).not.toMatch(/ [:%$»]|« /);
    }
  });

  it('uses only characters the PDF’s fonts draw (® and guillemets included)', () => {
    expect(uncoveredCodePoints(JSON.stringify(STANDARD_TERMS))).toEqual([]);
  });

  it('gives the Indigenous-Led Initiatives Fund its own clauses on section 35 rights and data sovereignty', () => {
    const headings = STANDARD_TERMS.ILIF.clauses.map((clause) => clause.heading.en);

    expect(headings).toContain('Aboriginal and treaty rights');
    expect(headings).toContain('Indigenous data sovereignty (OCAP®)');
    expect(STANDARD_TERMS.CBSF.clauses.map((clause) => clause.heading.en)).toContain('French Language Services');
  });
});
