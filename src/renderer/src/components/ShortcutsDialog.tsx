/**
 * F1 (or «Atajos» in the top bar): the keyboard shortcuts this agent can use, in one dialog that
 * opens at its top (the focus is on «Cerrar», at its foot).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { shortcutMessages as t } from '../../../shared/messages';
import { useSession } from '../session-store';
import { Modal } from './Modal';
import {
  questionMarkOpensShortcuts,
  setQuestionMarkOpensShortcuts,
} from './question-mark-shortcut';

export function ShortcutsDialog({ close }: { close: () => void }) {
  const titleId = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const supervisor = useSession((s) => s.session?.role === 'supervisor');
  // The focus on «Cerrar» (the trap's first focus would be the «?» box, which a reflex Space
  // would turn off unseen), then the view back to the top, where the list starts.
  useEffect(() => {
    closeRef.current?.focus({ preventScroll: true });
    titleRef.current?.scrollIntoView({ block: 'start' });
  }, []);
  const groups = t.groups.filter((group) => supervisor || !('supervisorOnly' in group));
  const [questionMark, setQuestionMark] = useState(questionMarkOpensShortcuts);
  const hintId = useId();
  // With «?» turned off, the list's own row names F1 alone.
  const row = (keys: string, what: string): [string, string] =>
    !questionMark && keys === t.helpRow.keys
      ? [t.helpRow.keysWithoutQuestionMark, t.helpRow.whatWithoutQuestionMark]
      : [keys, what];
  return (
    <Modal titleId={titleId} busy={false} close={close}>
      <h2 id={titleId} ref={titleRef}>
        {t.title}
      </h2>
      <p className="muted small">{t.intro}</p>
      {groups.map((group) => (
        <table key={group.title} className="shortcuts">
          <caption>{group.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t.keysHeader}</th>
              <th scope="col">{t.whatHeader}</th>
            </tr>
          </thead>
          <tbody>
            {group.items.map((item) => {
              const [keys, what] = row(item[0], item[1]);
              return (
                <tr key={`${item[0]}-${item[1]}`}>
                  <th scope="row">
                    <kbd>{keys}</kbd>
                  </th>
                  <td>{what}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
      <label className="check">
        <input
          type="checkbox"
          checked={questionMark}
          aria-describedby={hintId}
          onChange={(event) => {
            setQuestionMarkOpensShortcuts(event.target.checked);
            setQuestionMark(event.target.checked);
          }}
        />
        {t.questionMark}
      </label>
      <p id={hintId} className="muted small">
        {t.questionMarkHint}
      </p>
      <div className="dialog-buttons">
        <button type="button" className="primary" ref={closeRef} onClick={close}>
          {t.close}
        </button>
      </div>
    </Modal>
  );
}
