/**
 * «Salir»: at once when nothing of this agent's waits to be sent and no call (or visit) is open;
 * otherwise a dialog says that their actions stay on this desk until they sign in here again,
 * that the open call stays open until then, and asks.
 */
import { useId, useState } from 'react';
import { signOutMessages as t } from '../../../shared/messages';
import { useSession } from '../session-store';
import { personLabel } from '../components/display';
import { useInteractionWords } from '../components/interaction-words';
import { Modal } from '../components/Modal';

export function SignOutButton() {
  const signOut = useSession((s) => s.signOut);
  const sync = useSession((s) => s.sync);
  const open = useSession((s) => (s.interaction?.closedAt === null ? s.interaction : null));
  const words = useInteractionWords().bar;
  const [asking, setAsking] = useState(false);
  const titleId = useId();
  const bodyId = useId();
  // The desk's queue less what waits for other agents of this desk: this agent's own (a desk
  // without a central API sends nothing anywhere: nothing to warn of).
  const mine =
    sync?.configured === true ? Math.max(0, sync.pending - sync.waitingForOtherAgent) : 0;
  return (
    <>
      <button
        type="button"
        className="link"
        onClick={() => (mine > 0 || open ? setAsking(true) : void signOut())}
      >
        {t.button}
      </button>
      {asking && (
        <Modal titleId={titleId} descriptionId={bodyId} busy={false} close={() => setAsking(false)}>
          <h2 id={titleId}>{mine > 0 ? t.title : words.signOutTitle}</h2>
          <div id={bodyId}>
            {mine > 0 && <p>{t.body(mine)}</p>}
            {open && <p>{words.signOutOpen(personLabel(open.personName, open.personRut))}</p>}
          </div>
          {/* Staying is first, so it has the focus: Enter does not drop the session by mistake. */}
          <div className="dialog-buttons">
            <button type="button" className="primary" onClick={() => setAsking(false)}>
              {t.cancel}
            </button>
            <button type="button" onClick={() => void signOut()}>
              {t.confirm}
            </button>
          </div>
        </Modal>
      )}
    </>
  );
}
