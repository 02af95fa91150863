import { describe, expect, it } from 'vitest';
import { textPreview } from '../../src/shared/text';

describe('textPreview', () => {
  it('hides nothing of a text that fits', () => {
    expect(textPreview('Llamar mañana a las 10')).toBeNull();
    expect(textPreview('uno\ndos\ntres')).toBeNull();
    expect(textPreview('x'.repeat(200))).toBeNull();
  });

  it('keeps the first lines of a text with more', () => {
    expect(textPreview('uno\ndos\ntres\ncuatro')).toBe('uno\ndos\ntres…');
    expect(textPreview('uno  \ndos\ntres  \ncuatro', 3)).toBe('uno  \ndos\ntres…');
  });

  it('cuts a long line at a word', () => {
    const text = `${'palabra '.repeat(40)}fin`;
    const preview = textPreview(text)!;
    expect(preview.endsWith('palabra…')).toBe(true);
    expect(preview.length).toBeLessThanOrEqual(201);
  });

  it('cuts a long word (a link) where it must', () => {
    const link = `https://example.cl/${'a'.repeat(300)}`;
    expect(textPreview(link)).toBe(`${link.slice(0, 200)}…`);
  });
});
