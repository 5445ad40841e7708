import { identifierFrom } from './identifiers';

const KEY_PATTERN = /^[a-z][a-z0-9_]{0,49}$/;
const none = new Set<string>();

describe('identifierFrom', () => {
  it('makes a lowercase ascii identifier of the label, accents stripped and punctuation joined', () => {
    expect(identifierFrom('Community need', 'criterion', none)).toBe('community_need');
    expect(identifierFrom('  Besoin démontré – É.-U. / Québec! ', 'criterion', none)).toBe('besoin_demontre_e_u_quebec');
    expect(identifierFrom('People served (per year)', 'question', none)).toBe('people_served_per_year');
  });

  it('starts with a letter: a label of digits or without Latin letters takes the fallback word', () => {
    expect(identifierFrom('2027 priorities', 'section', none)).toBe('section_2027_priorities');
    expect(identifierFrom('ᐊᓂᔑᓈᐯᒧᐎᓐ', 'question', none)).toBe('question');
    expect(identifierFrom('', 'choice', none)).toBe('choice');
  });

  it('is unlike the identifiers already taken in its list, with a numeric suffix', () => {
    expect(identifierFrom('In person', 'choice', new Set(['in_person']))).toBe('in_person_2');
    expect(identifierFrom('In person', 'choice', new Set(['in_person', 'in_person_2']))).toBe('in_person_3');
    expect(identifierFrom('ᐊᓂ', 'question', new Set(['question']))).toBe('question_2');
  });

  it('stays within 50 characters, suffix included, and follows the call’s key rule', () => {
    const label = 'How does your organization involve survivors in designing and delivering its services?';
    const first = identifierFrom(label, 'question', none);
    expect(first).toBe('how_does_your_organization_involve_survivors_in_de');
    const second = identifierFrom(label, 'question', new Set([first]));
    expect(second).toBe('how_does_your_organization_involve_survivors_in_2');
    for (const identifier of [first, second]) expect(identifier).toMatch(KEY_PATTERN);
    // Cut just after a word: no underscore left before the suffix.
    expect(identifierFrom(`${'a'.repeat(47)} bc`, 'question', new Set([`${'a'.repeat(47)}_bc`]))).toBe(`${'a'.repeat(47)}_2`);
  });
});
