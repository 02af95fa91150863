import { useId, type ReactNode } from 'react';
import { useSession } from '../session-store';

/**
 * A button that may be unavailable. When it is, the reason is visible text right beside it,
 * tied to it with aria-describedby, so keyboard and screen-reader users read it too (never a
 * hover-only tooltip). `about` names whom a row's button acts on («Pausar» beside Carla's name):
 * read with it by whoever reaches it with Tab, without changing its name.
 */
export function GuardedButton({
  reason,
  className,
  onClick,
  about,
  reasonShownAt,
  children,
}: {
  /** Why the button is disabled; null when it is available. */
  reason: string | null;
  /**
   * The id of the element that says why, once for many buttons (a table's rows all waiting for
   * the same reason): the button points to it instead of repeating it beside itself.
   */
  reasonShownAt?: string;
  className?: string;
  onClick: () => void;
  about?: string | null;
  children: ReactNode;
}) {
  const id = useId();
  const aboutId = useId();
  const notify = useSession((s) => s.notify);
  const disabled = reason !== null;
  const reasonId = reasonShownAt ?? id;
  const describedBy = [about ? aboutId : null, disabled ? reasonId : null]
    .filter(Boolean)
    .join(' ');
  // One shape either way, so the button keeps its place (and identity) when it turns disabled.
  return (
    <span className="guarded">
      <button
        type="button"
        className={className}
        // aria-disabled, not disabled: the button keeps the focus it had (a resend's dialog gives
        // it back here) and, focused, says why it waits; pressed meanwhile (Enter, a click), it
        // does nothing but say why again, as a toast — a press that did nothing said nothing.
        aria-disabled={disabled || undefined}
        aria-describedby={describedBy || undefined}
        onClick={disabled ? () => notify(reason) : onClick}
      >
        {children}
      </button>
      {about && (
        <span id={aboutId} className="visually-hidden">
          {about}
        </span>
      )}
      {disabled && reasonShownAt === undefined && (
        <span id={id} className="disabled-reason">
          {reason}
        </span>
      )}
    </span>
  );
}
