import type { ViewVia } from '../../../shared/contract';
import { useSession } from '../session-store';
import { useApp } from '../store';

/**
 * A person's record opened from another screen's list (Llamadas, Ley 21.719): on the search
 * screen, the record taking the focus once it is drawn, as when opened from the results.
 */
export function openRecordFromList(personRut: string, via: ViewVia): void {
  useSession.getState().show('search');
  useApp.getState().openPerson(personRut, via);
  requestAnimationFrame(() =>
    document.querySelector<HTMLElement>('section.record[tabindex="-1"]')?.focus(),
  );
}
