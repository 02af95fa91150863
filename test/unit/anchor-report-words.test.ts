/**
 * What the audit screen and `npm run audit:verify` say of the chain against the central API's
 * anchors: each date is named for what it is (the anchoring), never as the event's own.
 */
import { describe, expect, it } from 'vitest';
import { anchorReportText } from '../../src/shared/messages';

describe('the anchor check in words', () => {
  it('dates the last anchor as when it was backed up, not as when the event happened', () => {
    const text = anchorReportText({
      state: 'agrees',
      anchors: 3,
      lastSeq: 10,
      lastAnchoredAt: '2026-12-05T20:05:00Z',
      unanchored: 2,
    });
    expect(text).toContain('el último, en el evento N° 10, respaldado el 05-12-2026 17:05.');
    expect(text).toContain('Los 2 eventos posteriores se respaldarán');
  });

  it('says which anchored event no longer matches, and when it was backed up', () => {
    const text = anchorReportText({
      state: 'disagrees',
      seq: 7,
      anchoredAt: '2026-12-05T03:30:00Z',
      problem: 'event_missing',
    });
    expect(text).toContain(
      'El evento N° 7, respaldado el 05-12-2026 00:30, ya no está en este equipo',
    );
  });

  it('says that only the local chain was checked when nothing was anchored', () => {
    expect(anchorReportText({ state: 'none' })).toContain('solo se verificó la cadena local');
  });
});
