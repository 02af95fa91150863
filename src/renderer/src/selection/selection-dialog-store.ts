/** The selection dialog in progress (issue 8, item 2): which action on whom. */
import { create } from 'zustand';
import type { SelectionAction } from '../../../shared/contract';

export type SelectionRequest = {
  action: SelectionAction;
  ruts: string[];
  company: { rut: string; name: string } | null;
  /** Called once a run finished (people may have changed). */
  onFinished: () => void;
};

type State = {
  request: SelectionRequest | null;
  open: (request: SelectionRequest) => void;
  close: () => void;
};

export const useSelectionDialog = create<State>()((set) => ({
  request: null,
  open: (request) => set({ request }),
  close: () => set({ request: null }),
}));
