import { lengthMessages } from '../../../shared/messages';

/**
 * Under a text box with a limit: how many characters are left once it nears the limit, and that
 * nothing more is written once it is reached, so a paste never loses its end unnoticed. Said
 * politely to screen readers as it changes.
 */
export function LengthLeft({ value, max, id }: { value: string; max: number; id?: string }) {
  const left = max - value.length;
  const near = left <= Math.max(20, Math.round(max / 10));
  return (
    <span id={id} className="muted small" aria-live="polite">
      {near ? lengthMessages.left(left, max) : ''}
    </span>
  );
}
