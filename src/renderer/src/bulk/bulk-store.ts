/**
 * The "Cargas masivas" screen (issue 8): which part is shown — a new load, its preview, or a
 * batch (applying, its report, its undo) — and the company a company record handed over.
 */
import { create } from 'zustand';
import type { BulkPreview } from '../../../shared/contract';

export type BulkScreen =
  { kind: 'home' } | { kind: 'preview'; preview: BulkPreview } | { kind: 'batch'; batchId: string };

type State = {
  screen: BulkScreen;
  /** The company field, as typed or handed over by a company record. */
  companyRut: string;
  /**
   * A part was just shown: its heading takes the focus once it is on the page (the button that
   * led there is gone), then this is cleared.
   */
  focusHeading: boolean;
};

type Actions = {
  show: (screen: BulkScreen) => void;
  setCompanyRut: (rut: string) => void;
  headingFocused: () => void;
};

export const useBulk = create<State & Actions>((set) => ({
  screen: { kind: 'home' },
  companyRut: '',
  focusHeading: false,
  show: (screen) => set({ screen, focusHeading: true }),
  setCompanyRut: (companyRut) => set({ companyRut }),
  headingFocused: () => set({ focusHeading: false }),
}));

/** Bytes as base64, in slices so a 20 MB file never builds one huge argument list. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const SLICE = 0x8000;
  for (let i = 0; i < bytes.length; i += SLICE) {
    binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  }
  return btoa(binary);
}
