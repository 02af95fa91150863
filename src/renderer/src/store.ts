/**
 * Screen state: the query, its results, the selection and the open record. Every search is
 * numbered so a slow answer to an older keystroke never replaces a newer one.
 */
import { create } from 'zustand';
import type {
  CompanyHit,
  PersonHit,
  PersonRecord,
  SearchNotice,
  ViewVia,
} from '../../shared/contract';
import { formatRut, readRut } from '../../shared/rut';
import { ApiError, call } from './api/client';
import { useCompany } from './company/company-store';
import type { View } from './session-store';
import { failedMessages } from '../../shared/messages';

export const PAGE_SIZE = 50;

export type ResultRow =
  { kind: 'company'; company: CompanyHit } | { kind: 'person'; person: PersonHit };

type State = {
  text: string;
  scope: CompanyHit | null;
  rows: ResultRow[];
  notices: SearchNotice[];
  /**
   * The agent moved to a row of this answer (arrows, a click): Enter opens it, even beside a
   * wrong check digit, where Enter alone opens nobody (the near match may be someone else).
   */
  picked: boolean;
  hasMore: boolean;
  /** Persons this text finds in all (at most the search cap). */
  total: number;
  searching: boolean;
  loadingMore: boolean;
  searchError: string | null;
  /** Set once the current text has an answer (distinguishes "no results" from "not yet"). */
  answeredText: string | null;
  selected: number;
  record: PersonRecord | null;
  recordRut: string | null;
  recordLoading: boolean;
  recordError: string | null;
  /**
   * The company whose page the open record was opened from, and the search as it was then: Esc
   * goes back to both (backToCompany).
   */
  companyBehind: {
    rut: string;
    text: string;
    scope: CompanyHit | null;
    /** The list that company's page was opened from, if any: Esc from it goes back there. */
    listBehind: View | null;
    /** The record that company's page was opened over, if any: Esc from it goes back there. */
    recordRut: string | null;
  } | null;
  /**
   * The screen whose list the open record, or company, was opened from (Llamadas, Ley 21.719,
   * Sincronización, Solicitudes de acceso: open-record.ts): Esc goes back there.
   */
  listBehind: View | null;
  personCount: number | null;
  /** The replica was set aside because its key was lost (app.info); null otherwise. */
  replicaNotice: string | null;
  /** When the text that produced the current results was typed (performance.now()). */
  typedAt: number;
  /** Increases each time results for a new text arrive; the app measures their paint. */
  answeredSeq: number;
};

type Actions = {
  setText: (text: string) => void;
  loadMore: () => Promise<void>;
  move: (delta: number) => void;
  select: (index: number) => void;
  /** false: nothing opens, nor will when the answer comes (a wrong check digit, not picked). */
  openSelected: () => boolean;
  openRow: (index: number) => void;
  /** Opens a person's record from elsewhere (the Llamadas list): searched by RUT and shown. */
  openPerson: (rut: string, via: ViewVia) => void;
  /** Lists a company's people in the results (from the company record). */
  scopeTo: (company: CompanyHit) => void;
  closeRecord: () => void;
  /** The record goes, a company's page in front of it stays (a new call: walk 60a M3). */
  forgetRecord: () => void;
  /** From a record opened on a company's page: back to that page and its search (false: none). */
  backToCompany: () => boolean;
  /** Shows a record read anew (after an action), and re-runs the search so badges agree. */
  replaceRecord: (record: PersonRecord) => void;
  /**
   * After an action answered with its receipt: the record as the action left it, if the agent is
   * still on this person (read without another «Vio la ficha»).
   */
  showActed: (rut: string, actionId: string) => Promise<void>;
  /** `byDesk`: the desk reading it again by itself (a lock ended), no new look of the agent's. */
  reloadRecord: (byDesk?: boolean) => Promise<void>;
  /**
   * The desk shown again after its lock: a search or a record asked for meanwhile (a sync's
   * refresh) was refused while locked, so it is read anew.
   */
  readAgain: () => void;
  /** Forgets everything on screen (another agent is signing in). */
  reset: () => void;
  /**
   * Reads the same results again, keeping the row (a selection's run changed people); `byDesk`:
   * the desk's own doing (a lock ended), not the agent's search (not audited as one).
   */
  refreshResults: (byDesk?: boolean) => void;
  clearScope: () => void;
  /** Ctrl+K: a new caller; whatever company filter was on is dropped. */
  startNewSearch: () => void;
  loadInfo: () => Promise<void>;
};

const message = (error: unknown) =>
  error instanceof ApiError ? error.message : failedMessages.search;

/** What the screen shows before any search: also what a new agent starts from. */
/** A searched RUT the desk has no one for: its caller is not the person whose record is open. */
const NO_ONE_FOR_RUT = new Set(['rut_not_found', 'rut_outside_scope', 'rut_not_synced_yet']);

const EMPTY_SCREEN = {
  text: '',
  scope: null,
  rows: [],
  notices: [],
  picked: false,
  hasMore: false,
  total: 0,
  searching: false,
  loadingMore: false,
  searchError: null,
  answeredText: null,
  selected: 0,
  record: null,
  recordRut: null,
  recordLoading: false,
  recordError: null,
  companyBehind: null,
  listBehind: null,
} satisfies Partial<State>;

/**
 * Rule 1: a RUT whose check digit is wrong names nobody for sure — the near match listed may be
 * someone else. Enter alone does not open it; picked (arrows, a click), it opens.
 */
const heldByCheckDigit = (notices: readonly SearchNotice[], picked: boolean) =>
  !picked && notices.some((n) => n.code === 'invalid_check_digit');

let searchSeq = 0;
let recordSeq = 0;
/** Enter pressed before the answer for the current text arrived: open its first row then. */
let openWhenAnswered = false;
/** The last search and record read were refused for want of a session (a locked desk). */
const refusedLocked = { search: false, record: false };
const lockedOut = (error: unknown) => error instanceof ApiError && error.code === 'unauthorized';

export const useApp = create<State & Actions>()((set, get) => {
  /** `refresh`: the desk reading the same search again by itself (after a sync), not the agent. */
  async function runSearch(keepSelection = false, refresh = false): Promise<void> {
    const seq = ++searchSeq;
    const { text, scope } = get();
    // A newer search supersedes any page still loading for the old one.
    set({ loadingMore: false });
    if (text.trim() === '' && !scope) {
      openWhenAnswered = false;
      set({
        rows: [],
        notices: [],
        hasMore: false,
        total: 0,
        searching: false,
        answeredText: null,
        searchError: null,
        selected: 0,
      });
      return;
    }
    set({ searching: true, searchError: null });
    try {
      const page = await call('persons.search', {
        text,
        companyRut: scope?.rut ?? null,
        offset: 0,
        limit: PAGE_SIZE,
        refresh,
      });
      if (seq !== searchSeq) return;
      const rows: ResultRow[] = [
        ...page.companies.map((company): ResultRow => ({ kind: 'company', company })),
        ...page.persons.map((person): ResultRow => ({ kind: 'person', person })),
      ];
      const selected = keepSelection ? Math.min(get().selected, Math.max(rows.length - 1, 0)) : 0;
      set({
        rows,
        notices: page.notices,
        picked: keepSelection ? get().picked : false,
        hasMore: page.hasMore,
        total: page.total,
        searching: false,
        answeredText: text,
        selected,
        // Only an answer to typing is measured: a refresh after an action is not a keystroke.
        answeredSeq: keepSelection ? get().answeredSeq : get().answeredSeq + 1,
      });
      // The agent typed another caller's RUT and nobody here has it: the record still open is
      // not that caller's, and staying beside the answer it would take his call and actions.
      const open = readRut(get().recordRut ?? '')?.body;
      const noOne = page.notices.some(
        (n) => NO_ONE_FOR_RUT.has(n.code) && 'rut' in n && readRut(n.rut)?.body !== open,
      );
      if (!refresh && noOne && get().recordRut !== null) dropRecord();
      if (openWhenAnswered) {
        openWhenAnswered = false;
        if (!heldByCheckDigit(page.notices, false)) get().openRow(0);
      }
    } catch (error) {
      if (seq !== searchSeq) return;
      refusedLocked.search = lockedOut(error);
      // Nothing of an earlier answer stays beside the error: no rows, no notices, no total.
      set({
        searching: false,
        searchError: message(error),
        rows: [],
        notices: [],
        hasMore: false,
        total: 0,
        answeredText: text,
      });
    }
  }

  /** No record on screen, and none still loading. */
  function dropRecord(): void {
    recordSeq++;
    set({
      record: null,
      recordRut: null,
      recordLoading: false,
      recordError: null,
      companyBehind: null,
      listBehind: null,
    });
  }

  /** `via`: how the record was opened, said in its audit event (issue 10). */
  async function openRecord(
    rut: string,
    via: ViewVia,
    companyBehind: State['companyBehind'] = null,
    byDesk = false,
  ): Promise<void> {
    const seq = ++recordSeq;
    // The same record read again stays behind a company's page on screen (a call closed there
    // went back to the record: walk 59a); any other opening shows the record.
    if (via !== 'reload') useCompany.getState().close();
    set({
      recordRut: rut,
      recordLoading: true,
      recordError: null,
      companyBehind,
      // Read again, it is still the one opened from a list: Esc goes back there (review 60 L4).
      listBehind: via === 'reload' ? get().listBehind : null,
    });
    try {
      // `byDesk`: the desk's own re-read (a lock ended), not a look of the agent's (review 60 M4).
      const record = await call('persons.get', { rut, via, refresh: byDesk });
      if (seq !== recordSeq) return;
      set({ record, recordLoading: false });
    } catch (error) {
      if (seq !== recordSeq) return;
      refusedLocked.record = lockedOut(error);
      set({ record: null, recordLoading: false, recordError: message(error) });
    }
  }

  return {
    ...EMPTY_SCREEN,
    personCount: null,
    replicaNotice: null,
    typedAt: 0,
    answeredSeq: 0,

    setText(text) {
      set({ text, typedAt: performance.now() });
      void runSearch();
    },

    async loadMore() {
      const { hasMore, loadingMore, rows, text, scope } = get();
      if (!hasMore || loadingMore) return;
      const seq = searchSeq;
      const offset = rows.filter((row) => row.kind === 'person').length;
      set({ loadingMore: true });
      try {
        const page = await call('persons.search', {
          text,
          companyRut: scope?.rut ?? null,
          offset,
          limit: PAGE_SIZE,
        });
        if (seq !== searchSeq) return;
        set({
          rows: [
            ...get().rows,
            ...page.persons.map((person): ResultRow => ({ kind: 'person', person })),
          ],
          hasMore: page.hasMore,
          total: page.total,
          loadingMore: false,
        });
      } catch (error) {
        if (seq !== searchSeq) return;
        set({ loadingMore: false, searchError: message(error) });
      }
    },

    move(delta) {
      const { rows, selected } = get();
      if (rows.length === 0) return;
      set({ selected: Math.max(0, Math.min(rows.length - 1, selected + delta)), picked: true });
    },

    select(index) {
      set({ selected: index, picked: true });
    },

    openSelected() {
      const { answeredText, text, rows, scope, notices, picked } = get();
      // Nothing inside the company for what was typed: Enter looks everywhere.
      if (scope && text.trim() !== '' && answeredText === text && rows.length === 0) {
        get().clearScope();
        return true;
      }
      // The rows on screen answer an older text: open the first answer for this one instead.
      if (answeredText !== text) {
        openWhenAnswered = true;
        return true;
      }
      if (heldByCheckDigit(notices, picked)) return false;
      get().openRow(get().selected);
      return true;
    },

    openRow(index) {
      const row = get().rows[index];
      if (!row) return;
      set({ selected: index });
      if (row.kind === 'company') {
        // The company record (issue 7); from it, "Buscar entre sus personas" scopes the search.
        // No record under it, and no way back but the results that showed it.
        dropRecord();
        void useCompany.getState().open(row.company.rut);
        return;
      }
      void openRecord(row.person.rut, 'search');
    },

    openPerson(rut, via) {
      // Opened from a company's page (a name in its tables, its people): Esc goes back there,
      // and to the search that showed it. From another screen's list, a company still open on
      // the search is no way back (open-record.ts).
      const company = via === 'company' ? useCompany.getState().rut : null;
      const { text, scope, listBehind, recordRut } = get();
      const companyBehind = company ? { rut: company, text, scope, listBehind, recordRut } : null;
      const parsed = readRut(rut);
      set({ scope: null, text: parsed ? formatRut(parsed) : rut, typedAt: performance.now() });
      void runSearch();
      void openRecord(rut, via, companyBehind);
    },

    backToCompany() {
      const behind = get().companyBehind;
      if (!behind) return false;
      get().closeRecord();
      set({
        text: behind.text,
        scope: behind.scope,
        listBehind: behind.listBehind,
        typedAt: performance.now(),
      });
      void runSearch();
      // The record the company was opened over goes back under it (read again), so the next Esc
      // finds it there.
      if (behind.recordRut) void openRecord(behind.recordRut, 'reload');
      void useCompany
        .getState()
        .open(behind.rut)
        .then(() =>
          requestAnimationFrame(() =>
            document.querySelector<HTMLElement>('section.company')?.focus(),
          ),
        );
      return true;
    },

    closeRecord() {
      dropRecord();
      useCompany.getState().close();
    },

    forgetRecord() {
      dropRecord();
    },

    scopeTo(company) {
      useCompany.getState().close();
      set({ scope: company, text: '', typedAt: performance.now() });
      void runSearch();
    },

    replaceRecord(record) {
      recordSeq++;
      set({ record, recordRut: record.rut, recordLoading: false, recordError: null });
      if (get().rows.length > 0) void runSearch(true, true);
    },

    async showActed(rut, actionId) {
      if (get().recordRut !== rut) return;
      const seq = ++recordSeq;
      try {
        const record = await call('persons.afterAction', { actionId });
        if (seq === recordSeq) get().replaceRecord(record);
      } catch (error) {
        if (seq !== recordSeq) return;
        refusedLocked.record = lockedOut(error);
        set({ record: null, recordLoading: false, recordError: message(error) });
      }
    },

    reset() {
      searchSeq++;
      recordSeq++;
      openWhenAnswered = false;
      set(EMPTY_SCREEN);
    },

    refreshResults(byDesk = false) {
      if (get().rows.length > 0) void runSearch(true, byDesk);
    },

    async reloadRecord(byDesk = false) {
      const rut = get().recordRut;
      // The same record read again (after an action): still opened from where it was.
      if (rut) await openRecord(rut, 'reload', get().companyBehind, byDesk);
    },

    readAgain() {
      // Only what the lock refused: a real refusal (a person outside an officer's companies) is
      // not asked again, nor audited again.
      const { text, scope, recordRut, recordError, searchError, companyBehind } = get();
      if (searchError !== null && refusedLocked.search && (text.trim() !== '' || scope)) {
        void runSearch(true);
      }
      if (recordRut && recordError !== null && refusedLocked.record) {
        void openRecord(recordRut, 'reload', companyBehind);
      }
    },

    clearScope() {
      set({ scope: null });
      void runSearch();
    },

    startNewSearch() {
      if (get().scope) get().clearScope();
    },

    async loadInfo() {
      try {
        const info = await call('app.info', {});
        set({ personCount: info.persons, replicaNotice: info.replicaNotice });
      } catch {
        set({ personCount: null });
      }
    },
  };
});
