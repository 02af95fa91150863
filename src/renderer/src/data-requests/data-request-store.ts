/**
 * Ley 21.719 requests on screen (issue 10): which dialog is open (recording a request for a
 * person, or one request's detail), and a counter the list watches to reload after a change.
 */
import { create } from 'zustand';
import type { PersonRecord } from '../../../shared/contract';
import { fullName } from '../../../shared/format';
import { blockableOpen } from '../../../shared/rules/data-requests';

export type RecordingFor = {
  rut: string;
  /** The record's name; empty for someone the system holds nothing of (the form asks it). */
  name: string;
  identityFacts: PersonRecord['identityFacts'];
  phoneNoProofUntil: PersonRecord['phoneNoProofUntil'];
  /** False: the system holds nothing of this titular (titularWithoutDataRefusal). */
  held: boolean;
  /**
   * Why a temporary block cannot be asked now (main refuses it too): the block already standing
   * (its number), or no open request it could stand on; null: it can.
   */
  blockWaits: { already: string } | 'no_request' | null;
};

type State = {
  recording: RecordingFor | null;
  detail: string | null;
  changes: number;
  startRecording: (record: PersonRecord) => void;
  /** A request of someone the system holds no person of, by the RUT they gave. */
  startRecordingWithoutRecord: (rut: string) => void;
  openDetail: (number: string) => void;
  close: () => void;
  changed: () => void;
};

export const useDataRequests = create<State>()((set) => ({
  recording: null,
  detail: null,
  changes: 0,
  startRecording: (record) =>
    set({
      recording: {
        rut: record.rut,
        name: fullName(record),
        identityFacts: record.identityFacts,
        phoneNoProofUntil: record.phoneNoProofUntil,
        held: true,
        // Its requests, this agent's and others' alike (walk 58b: said only after submitting).
        blockWaits: record.dataProtection.block
          ? { already: record.dataProtection.block.requestNumber }
          : blockableOpen([...record.dataProtection.requests, ...record.dataProtection.othersOpen])
            ? null
            : 'no_request',
      },
      detail: null,
    }),
  startRecordingWithoutRecord: (rut) =>
    set({
      recording: {
        rut,
        name: '',
        identityFacts: [],
        phoneNoProofUntil: null,
        held: false,
        blockWaits: null,
      },
      detail: null,
    }),
  openDetail: (number) => set({ detail: number, recording: null }),
  close: () => set({ recording: null, detail: null }),
  changed: () => set((state) => ({ changes: state.changes + 1 })),
}));
