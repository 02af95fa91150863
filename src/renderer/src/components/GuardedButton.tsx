import { useId, type ReactNode } from 'react';

/**
 * A button that may be unavailable. When it is, the reason is visible text right beside it,
 * tied to it with aria-describedby, so keyboard and screen-reader users read it too (never a
 * hover-only tooltip).
 */
export function GuardedButton({
  reason,
  className,
  onClick,
  children,
}: {
  /** Why the button is disabled; null when it is available. */
  reason: string | null;
  className?: string;
  onClick: () => void;
  children: ReactNode;
}) {
  const id = useId();
  const disabled = reason !== null;
  // One shape either way, so the button keeps its place (and identity) when it turns disabled.
  return (
    <span className="guarded">
      <button
        type="button"
        className={className}
        // aria-disabled, not disabled: the button keeps the focus it had (a resend's dialog gives
        // it back here) and, focused, says why it waits; a click does nothing meanwhile.
        aria-disabled={disabled || undefined}
        aria-describedby={disabled ? id : undefined}
        onClick={disabled ? undefined : onClick}
      >
        {children}
      </button>
      {disabled && (
        <span id={id} className="disabled-reason">
          {reason}
        </span>
      )}
    </span>
  );
}
