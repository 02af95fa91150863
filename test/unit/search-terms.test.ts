/**
 * Long name prefixes asked as the terms they cover (issue 11): the FTS5 query and the term walk;
 * and names written as they were heard, asked as the terms that sound like them.
 */
import { describe, expect, it } from 'vitest';
import {
  ftsSoundsLikeQuery,
  ftsTermsQuery,
  termsStartingWith,
} from '../../src/main/repositories/search-sql';
import { nameSound } from '../../src/shared/name-sound';

const TERMS = ['gonzaga', 'gonzalez', 'gonzalo', 'maria', 'mariana', 'marin', 'soto'];
/** The first term ≥ low and < high, as the fts5vocab statement answers it. */
const next = (low: string, high: string) => TERMS.find((term) => term >= low && term < high);
const termsOf = (word: string, most: number) => termsStartingWith(next, word, most);

describe('termsStartingWith', () => {
  it('lists every term a prefix covers, each once, in order', () => {
    expect(termsOf('gonz', 24)).toEqual(['gonzaga', 'gonzalez', 'gonzalo']);
    expect(termsOf('maria', 24)).toEqual(['maria', 'mariana']);
    expect(termsOf('soto', 24)).toEqual(['soto']);
    expect(termsOf('transportes', 24)).toEqual([]);
  });

  it('stops one past the most it is asked for', () => {
    expect(termsOf('gonz', 1)).toEqual(['gonzaga', 'gonzalez']);
  });
});

describe('ftsTermsQuery', () => {
  it('asks a long word as the whole terms it covers, short words as prefixes', () => {
    expect(ftsTermsQuery(['gonz', 'mar'], termsOf)).toEqual({
      query: '("gonzaga" OR "gonzalez" OR "gonzalo") AND "mar"*',
      widens: true,
    });
    expect(ftsTermsQuery(['maria'], termsOf)).toEqual({
      query: '("maria" OR "mariana")',
      widens: true,
    });
  });

  it('says when the words cover only themselves (taken whole, they found it all)', () => {
    expect(ftsTermsQuery(['soto', 'mar'], termsOf)).toEqual({
      query: '("soto") AND "mar"*',
      widens: false,
    });
  });

  it('says nothing can match when a long word covers no term', () => {
    expect(ftsTermsQuery(['transportes', 'gonzalez'], termsOf)).toBeNull();
  });

  it('leaves a prefix covering too many terms, or no single term, to FTS5', () => {
    const many = (word: string, most: number) =>
      Array.from({ length: most + 1 }, (_, i) => `${word}${i}`);
    expect(ftsTermsQuery(['mart'], many)).toEqual({ query: '"mart"*', widens: true });
    expect(ftsTermsQuery(["o'higgins"], termsOf)).toEqual({
      query: '"o\'higgins"*',
      widens: true,
    });
  });
});

describe('ftsSoundsLikeQuery', () => {
  // The terms whose sound key starts with the word's, as person_sounds answers it.
  const soundsOf = (word: string, most: number) =>
    TERMS.filter((term) => nameSound(term).startsWith(nameSound(word))).slice(0, most + 1);

  it('asks each long word as the terms it starts or sounds like, short words as prefixes', () => {
    expect(ftsSoundsLikeQuery(['gonsales', 'mar'], termsOf, soundsOf)).toBe(
      '("gonzalez") AND "mar"*',
    );
    expect(ftsSoundsLikeQuery(['maria', 'zoto'], termsOf, soundsOf)).toBe(
      '("maria" OR "mariana") AND ("soto")',
    );
  });

  it('is null when no word sounds like a name it does not start, or a word matches nothing', () => {
    expect(ftsSoundsLikeQuery(['gonzalez', 'maria'], termsOf, soundsOf)).toBeNull();
    expect(ftsSoundsLikeQuery(['zoto', 'transportes'], termsOf, soundsOf)).toBeNull();
  });
});
