/**
 * Under a list a supervisor can act on: "Seleccionar las N cargadas", and once two or more are
 * selected, how many, "Seleccionar todas las N" when the list holds more than is loaded, and the
 * actions. Disabling and enabling are a company's matter: offered in a company's list, or in
 * search results filtered by a company; elsewhere the button says why not.
 */
import { useEffect, useId, useRef } from 'react';
import type { ChannelInput, SelectionAction } from '../../../shared/contract';
import { selectionActionLabels, selectionMessages as m } from '../../../shared/messages';
import { useSelectionDialog } from './selection-dialog-store';
import type { SelectionStore } from './selection-store';

export type BarContext = {
  /** Where "todos" comes from. */
  source: ChannelInput<'selection.resolve'>;
  company: { rut: string; name: string } | null;
  /** The selectable keys loaded now, in order. */
  loaded: readonly string[];
  /** People in the whole list (at most the search cap). */
  total: number;
  /** What to refresh once a run changed people. */
  onFinished: () => void;
  /** The list's element id: the focus goes back there when the run's bar is gone. */
  listId: string;
};

const ACTIONS: SelectionAction[] = ['unlock', 'resend_mail', 'disable', 'enable'];

export function SelectionBar({ store, context }: { store: SelectionStore; context: BarContext }) {
  const selected = store((s) => s.selected);
  const all = store((s) => s.all);
  const resolving = store((s) => s.resolving);
  const error = store((s) => s.error);
  const open = useSelectionDialog((s) => s.open);
  const checkRef = useRef<HTMLInputElement>(null);
  const noteId = useId();
  const loadedSelected = context.loaded.filter((key) => selected.has(key)).length;
  const allLoaded = context.loaded.length > 0 && loadedSelected === context.loaded.length;
  useEffect(() => {
    if (checkRef.current) checkRef.current.indeterminate = loadedSelected > 0 && !allLoaded;
  }, [loadedSelected, allLoaded]);
  if (context.loaded.length === 0) return null;
  const more = context.total > context.loaded.length;

  return (
    <div className="selection-bar">
      <label className="selection-all">
        <input
          ref={checkRef}
          type="checkbox"
          checked={allLoaded}
          onChange={() =>
            allLoaded ? store.getState().clear() : store.getState().setMany(context.loaded)
          }
        />
        {m.selectLoaded(context.loaded.length)}
      </label>
      {selected.size > 1 && (
        <div
          role="toolbar"
          aria-label={m.barLabel}
          className="selection-actions"
          data-focus-return={context.listId}
        >
          <strong aria-live="polite">{m.count(selected.size)}</strong>
          {ACTIONS.map((action) => {
            const off = (action === 'disable' || action === 'enable') && !context.company;
            return (
              <button
                type="button"
                key={action}
                className="small-button"
                disabled={off}
                aria-describedby={off ? noteId : undefined}
                onClick={() =>
                  open({
                    action,
                    ruts: [...selected],
                    company: context.company,
                    onFinished: () => {
                      store.getState().clear();
                      context.onFinished();
                    },
                  })
                }
              >
                {selectionActionLabels[action]}
              </button>
            );
          })}
          <button type="button" className="link" onClick={() => store.getState().clear()}>
            {m.clear}
          </button>
          {!context.company && (
            <p id={noteId} className="disabled-reason selection-why">
              {m.needsCompany}
            </p>
          )}
        </div>
      )}
      <div className="selection-note" aria-live="polite">
        {resolving && m.resolving}
        {error && <span className="danger-text">{error}</span>}
        {!resolving &&
          all &&
          (all.capped ? m.capped(all.cap, all.total) : m.allSelected(selected.size))}
        {!resolving && !all && allLoaded && more && (
          <button
            type="button"
            className="link"
            onClick={() => void store.getState().resolveAll(context.source)}
          >
            {m.selectAll(context.total)}
          </button>
        )}
      </div>
    </div>
  );
}
