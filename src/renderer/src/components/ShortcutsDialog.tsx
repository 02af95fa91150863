/**
 * F1 (or «Atajos» in the top bar): the keyboard shortcuts this agent can use, in one dialog that
 * opens at its top (the focus is on «Cerrar», at its foot).
 */
import { useEffect, useId, useRef } from 'react';
import { shortcutMessages as t } from '../../../shared/messages';
import { useSession } from '../session-store';
import { Modal } from './Modal';

export function ShortcutsDialog({ close }: { close: () => void }) {
  const titleId = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const supervisor = useSession((s) => s.session?.role === 'supervisor');
  // After the dialog put the focus on its only button: back to the top, where the list starts.
  useEffect(() => {
    titleRef.current?.scrollIntoView({ block: 'start' });
  }, []);
  const groups = t.groups.filter((group) => supervisor || !('supervisorOnly' in group));
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
            {group.items.map(([keys, what]) => (
              <tr key={`${keys}-${what}`}>
                <th scope="row">
                  <kbd>{keys}</kbd>
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={close}>
          {t.close}
        </button>
      </div>
    </Modal>
  );
}
