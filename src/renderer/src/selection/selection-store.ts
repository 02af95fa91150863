/**
 * The selection of people in a list (issue 8, item 2): one store per list (the search results,
 * a company's users), keyed by login RUT so it survives paging and virtualisation. Click picks
 * one, Ctrl/Cmd toggles, Shift extends from the anchor, Esc clears; "todos" asks the core for
 * every RUT of the same list, up to its cap.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ChannelInput } from '../../../shared/contract';
import { ApiError, call } from '../api/client';
import { failedMessages } from '../../../shared/messages';

/** From the anchor to `key` in the list's order: the range Shift makes. */
export function rangeOf(keys: readonly string[], anchor: string | null, key: string): string[] {
  const to = keys.indexOf(key);
  const from = anchor === null ? -1 : keys.indexOf(anchor);
  if (to < 0) return [];
  if (from < 0) return [key];
  return keys.slice(Math.min(from, to), Math.max(from, to) + 1);
}

export type Resolved = { total: number; capped: boolean; cap: number };

type State = {
  selected: ReadonlySet<string>;
  anchor: string | null;
  /** Set once "todos" was resolved, until the selection changes. */
  all: Resolved | null;
  resolving: boolean;
  error: string | null;
};

type Actions = {
  selectOne: (key: string) => void;
  toggle: (key: string) => void;
  extendTo: (keys: readonly string[], key: string) => void;
  setMany: (keys: readonly string[]) => void;
  clear: () => void;
  resolveAll: (source: ChannelInput<'selection.resolve'>) => Promise<void>;
};

export type SelectionStore = UseBoundStore<StoreApi<State & Actions>>;

const EMPTY: State = {
  selected: new Set(),
  anchor: null,
  all: null,
  resolving: false,
  error: null,
};

export function createSelectionStore(): SelectionStore {
  let seq = 0;
  return create<State & Actions>()((set, get) => ({
    ...EMPTY,
    selectOne(key) {
      seq++;
      set({ ...EMPTY, selected: new Set([key]), anchor: key });
    },
    toggle(key) {
      seq++;
      const selected = new Set(get().selected);
      if (selected.has(key)) selected.delete(key);
      else selected.add(key);
      set({ selected, anchor: key, all: null, error: null });
    },
    extendTo(keys, key) {
      seq++;
      const range = rangeOf(keys, get().anchor ?? key, key);
      set({ selected: new Set(range), anchor: get().anchor ?? key, all: null, error: null });
    },
    setMany(keys) {
      seq++;
      set({ ...EMPTY, selected: new Set(keys), anchor: keys[0] ?? null });
    },
    clear() {
      seq++;
      set(EMPTY);
    },
    async resolveAll(source) {
      const mine = ++seq;
      set({ resolving: true, error: null });
      try {
        const found = await call('selection.resolve', source);
        if (mine !== seq) return;
        set({
          selected: new Set(found.ruts),
          anchor: found.ruts[0] ?? null,
          all: { total: found.total, capped: found.capped, cap: found.cap },
          resolving: false,
        });
      } catch (error) {
        if (mine !== seq) return;
        set({
          resolving: false,
          error: error instanceof ApiError ? error.message : failedMessages.selection,
        });
      }
    },
  }));
}

/** The search results' selection and the open company's. */
export const useSearchSelection = createSelectionStore();
export const useCompanySelection = createSelectionStore();

/** What a list does with a key press, for both lists; true when it handled it. */
export function selectionKey(
  event: {
    key: string;
    shiftKey: boolean;
    ctrlKey: boolean;
    metaKey: boolean;
  },
  list: {
    store: SelectionStore;
    /** The selectable keys, in the list's order. */
    keys: readonly string[];
    /** The key of the active row (null: not selectable, like a company row). */
    activeKey: () => string | null;
    /** Moves the active row; returns the new active key. */
    move: (delta: number) => string | null;
    /** Only the list itself (not the search box) takes Space and Ctrl+A. */
    inList: boolean;
  },
): boolean {
  const store = list.store.getState();
  const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
  const step = steps[event.key];
  const ctrl = event.ctrlKey || event.metaKey;
  if (step !== undefined) {
    const key = list.move(step);
    if (key === null) return true;
    if (event.shiftKey) store.extendTo(list.keys, key);
    else if (!ctrl) store.selectOne(key);
    return true;
  }
  // With one row the bar is not shown: Esc keeps its usual meaning (back to the search).
  if (event.key === 'Escape' && store.selected.size > 1) {
    store.clear();
    return true;
  }
  if (!list.inList) return false;
  if (event.key === ' ') {
    const key = list.activeKey();
    if (key !== null) store.toggle(key);
    return true;
  }
  if (ctrl && event.key.toLowerCase() === 'a') {
    store.setMany(list.keys);
    return true;
  }
  return false;
}
