import type { ViewVia } from '../../../shared/contract';
import { useCompany } from '../company/company-store';
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

/**
 * A company's page opened from another screen's list (Solicitudes de acceso): on the search
 * screen, with no record under it; Esc goes back to that list, as from a record.
 */
export function openCompanyFromList(companyRut: string): void {
  const from = useSession.getState().view;
  useSession.getState().show('search');
  useApp.getState().closeRecord();
  void useCompany.getState().open(companyRut);
  if (from !== 'search') useApp.setState({ listBehind: from });
}
