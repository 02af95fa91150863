import { useState, type ReactNode } from 'react';
import { textPreview } from '../../../shared/text';

/**
 * A long text in a list (a call's notes, an audit value): its start, and the rest on demand —
 * the button says whether it is open (`aria-expanded`). A short one is shown as it is (`short`
 * wraps it, if given).
 */
export function LongText({
  text,
  more,
  less,
  lines,
  chars,
  short = (whole) => whole,
}: {
  text: string;
  /** The button's words, closed and open. */
  more: string;
  less: string;
  /** textPreview's cut (its defaults when not given). */
  lines?: number;
  chars?: number;
  short?: (text: string) => ReactNode;
}) {
  const [whole, setWhole] = useState(false);
  const preview = textPreview(text, lines, chars);
  if (preview === null) return <>{short(text)}</>;
  return (
    <>
      {whole ? text : preview}{' '}
      <button
        type="button"
        className="link call-notes-more"
        aria-expanded={whole}
        onClick={() => setWhole((open) => !open)}
      >
        {whole ? less : more}
      </button>
    </>
  );
}
