import type { ReactNode } from 'react';

/**
 * A box the agent ticks to confirm what the dialog cannot check (the change is irreversible, a
 * date long ago is the true one): its words are its label; `id` is where «Falta» takes the agent.
 */
export function ConfirmCheck({
  id,
  checked,
  onChange,
  className = 'check',
  children,
}: {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <label className={className}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      {children}
    </label>
  );
}
