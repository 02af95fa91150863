/**
 * The identity check's list: one checkbox per fact the system holds, each with what to compare
 * the caller's answer with (read to screen readers too), and why the mobile is missing when it
 * changed lately. Used by every dialog that asks for it.
 */
import { dialogMessages } from '../../../shared/messages';
import type { IdentityFact } from '../../../shared/policy';

export function IdentityFactChecks({
  facts,
  checked,
  toggle,
  phoneNoProofUntil = null,
  prompts = {},
  id,
}: {
  facts: ReadonlyArray<{ fact: IdentityFact; shown: string[] }>;
  checked: readonly IdentityFact[];
  toggle: (fact: IdentityFact) => void;
  /** The mobile changed lately: not offered until then (PersonRecord.phoneNoProofUntil). */
  phoneNoProofUntil?: string | null;
  /** What to ask where the catalogue's words would not be true (no record on screen). */
  prompts?: Partial<Record<IdentityFact, string>>;
  /** The list's id: where a confirm pressed too soon takes the agent (ConfirmButton). */
  id?: string;
}) {
  return (
    <>
      <ul id={id} className="identity-facts">
        {facts.map(({ fact, shown }) => (
          <li key={fact}>
            <label className="check identity-fact">
              <input
                type="checkbox"
                checked={checked.includes(fact)}
                onChange={() => toggle(fact)}
              />
              <span className="identity-prompt">
                {prompts[fact] ?? dialogMessages.factPrompts[fact]}
              </span>
              <span className="identity-shown">
                <span className="visually-hidden">{dialogMessages.compareWith} </span>
                {shown.join(' · ')}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {phoneNoProofUntil && (
        <p className="small muted">{dialogMessages.phoneNoProof(phoneNoProofUntil)}</p>
      )}
    </>
  );
}
