import type { ViewVia } from '../../../shared/contract';
import { useSession } from '../session-store';
import { useApp } from '../store';

/**
 * A person's record opened from another screen's list (Llamadas, Ley 21.719): on the search
 * screen, the record taking the focus once it is drawn, as when opened from the results; Esc
 * goes back to that list.
 */
export function openRecordFromList(personRut: string, via: ViewVia): void {
  // Esc on the record goes back to this list (App.tsx).
  const from = useSession.getState().view;
  useSession.getState().show('search');
  useApp.getState().openPerson(personRut, via);
  if (from !== 'search') useApp.setState({ listBehind: from });
  requestAnimationFrame(() =>
    document.querySelector<HTMLElement>('section.record[tabindex="-1"]')?.focus(),
  );
}
