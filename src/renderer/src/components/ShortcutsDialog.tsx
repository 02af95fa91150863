/** F1 (or «Atajos» in the top bar): every keyboard shortcut of the desk, in one dialog. */
import { useId } from 'react';
import { shortcutMessages as t } from '../../../shared/messages';
import { Modal } from './Modal';

export function ShortcutsDialog({ close }: { close: () => void }) {
  const titleId = useId();
  return (
    <Modal titleId={titleId} busy={false} close={close}>
      <h2 id={titleId}>{t.title}</h2>
      <p className="muted small">{t.intro}</p>
      {t.groups.map((group) => (
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
