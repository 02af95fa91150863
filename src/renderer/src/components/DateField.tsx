/**
 * A dd-mm-aaaa date filter (Llamadas, Auditoría): typed, not picked, and marked invalid with the
 * screen's error message when the form refused it.
 */
import { auditMessages } from '../../../shared/messages';

export function DateField({
  label,
  className,
  value,
  onChange,
  invalid,
  describedBy,
}: {
  label: string;
  className: string;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  invalid: true | undefined;
  describedBy: string | undefined;
}) {
  return (
    <label className="field inline">
      {label}
      <input
        className={className}
        value={value}
        onChange={onChange}
        placeholder={auditMessages.datePlaceholder}
        inputMode="numeric"
        aria-invalid={invalid}
        aria-describedby={describedBy}
      />
    </label>
  );
}
