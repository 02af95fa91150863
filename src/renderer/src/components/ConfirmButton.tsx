/**
 * A form's confirm button that may have to wait: for a field to be filled, or for the answer
 * while busy. It is aria-disabled, not disabled, so Tab still reaches it and it reads why it waits
 * (`whyId`). Pressed too soon — a click, Enter in a field, Ctrl+Enter in a dialog — it submits
 * nothing, says again what is missing (an alert, said each time) and takes the agent to the first
 * field at fault (`goTo`). A button that merely went quiet would leave a keyboard or
 * screen-reader user wondering whether anything happened.
 */
import { useState, type ReactNode } from 'react';

/**
 * Focuses the field with this id, or the first control inside it — in a fieldset of checkboxes
 * (the identity facts), the first still unticked: «Falta: 1 dato de identidad» left the focus on
 * the one already ticked.
 */
export function goToField(id: string | null | undefined): void {
  if (!id) return;
  const element = document.getElementById(id);
  if (!element) return;
  const target = element.matches('input, select, textarea, button')
    ? element
    : (element.querySelector<HTMLElement>('input[type="checkbox"]:not(:checked):not(:disabled)') ??
      element.querySelector<HTMLElement>(
        'input:not(:disabled), select:not(:disabled), textarea:not(:disabled), button:not(:disabled)',
      ));
  target?.focus();
}

/**
 * A list's filter refused (a date that does not exist): the focus goes to the field at fault,
 * once it is marked (`aria-invalid`), as a dialog's confirm takes the agent to what it lacks.
 */
export function goToInvalidField(): void {
  requestAnimationFrame(() =>
    document.querySelector<HTMLElement>('.view-main [aria-invalid="true"]')?.focus(),
  );
}

/**
 * What a form still lacks, in the order of its fields: the parts of its «Falta: …» and the field
 * that gives the first (where a confirm pressed too soon takes the agent).
 */
export function missingParts() {
  const parts: string[] = [];
  let first: string | null = null;
  return {
    parts,
    /** One thing missing, and the id of the field that gives it (none when no field can). */
    add(part: string, field: string | null = null): void {
      if (parts.length === 0) first = field;
      parts.push(part);
    },
    get goTo(): string | null {
      return first;
    },
  };
}

export function ConfirmButton({
  waiting,
  why,
  whyId,
  goTo,
  className = 'primary',
  onRefused,
  children,
}: {
  /** True while it may not submit (something missing, or busy). */
  waiting: boolean;
  /** What is missing, in words; null while nothing is (busy alone says nothing). */
  why: string | null;
  /** The id of the visible text that says `why`, read with the button. */
  whyId?: string;
  /** The id of the first field at fault. */
  goTo?: string | null;
  className?: string;
  /** Pressed too soon, with something missing: a form that shows `why` only once tried. */
  onRefused?: () => void;
  children: ReactNode;
}) {
  const [told, setTold] = useState<{ times: number; text: string } | null>(null);
  return (
    <>
      <button
        type="submit"
        className={className}
        aria-disabled={waiting || undefined}
        aria-describedby={why && whyId ? whyId : undefined}
        onClick={(event) => {
          if (!waiting) {
            // Pressed with nothing missing: an earlier «Falta» is said no more, even if a refusal
            // empties a field again (a wrong password: walk 60a L6).
            setTold(null);
            return;
          }
          event.preventDefault();
          if (!why) return;
          setTold((before) => ({ times: (before?.times ?? 0) + 1, text: why }));
          onRefused?.();
          goToField(goTo);
        }}
      >
        {children}
      </button>
      {told && told.text === why && (
        // Keyed by the attempt: a second press with the same words is said again. Gone once the
        // words change (a field filled): no stale «Falta» is left to be found.
        <span key={told.times} role="alert" className="visually-hidden">
          {told.text}
        </span>
      )}
    </>
  );
}
