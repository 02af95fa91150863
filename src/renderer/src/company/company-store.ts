/**
 * The company open on screen (issue 7): its record, its users page by page, and the company
 * dialog in progress. Opening a company closes the person record, and the other way round.
 */
import { create } from 'zustand';
import type { CompanyRecord, CompanyUsersPage } from '../../../shared/contract';
import type { CompanyUserChange } from '../../../shared/rules/membership-transitions';
import type { ProfileFrom } from '../../../shared/rules/company-access';
import type { MembershipRole } from '../../../shared/vocabulary';
import { ApiError, call } from '../api/client';
import { failedMessages } from '../../../shared/messages';

/** The id of the company page's requests heading: opened from a person's record, it takes focus. */
export const COMPANY_REQUESTS_HEADING = 'company-requests-title';

export const USERS_PAGE = 100;

export type CompanyDialog =
  | {
      kind: 'approve' | 'reject';
      requesterRut: string;
      requesterName: string;
      /** A rejection's reason written in advance: why the register rules the requester out. */
      reason?: string;
    }
  | { kind: 'record' }
  | { kind: 'add' }
  | {
      kind: CompanyUserChange;
      userRut: string;
      userName: string;
      /**
       * Asked from the user's record, from its diagnosis or from her row of the company: closing
       * goes back to the record, the focus where it was asked (CompanyDialog's close).
       */
      fromRecord?: 'diagnosis' | 'row';
    }
  | { kind: 'modules'; userRut: string; userName: string; modules: string[] }
  | {
      /** «Cambiar perfil» (rule 9): at the request of the company's verified caller. */
      kind: 'role';
      userRut: string;
      userName: string;
      /** Her profile there now, as profileChangeRefusal weighs where it may go. */
      from: ProfileFrom & { role: MembershipRole };
      /** The membership's version the record showed. */
      expectedVersion: number;
      /** Asked from her record's row: closing goes back to it. */
      fromRecord: 'row';
    };

type State = {
  rut: string | null;
  company: CompanyRecord | null;
  loading: boolean;
  error: string | null;
  users: CompanyUsersPage['users'];
  nextAfter: number | null;
  loadingUsers: boolean;
  dialog: CompanyDialog | null;
};

type Actions = {
  open: (rut: string) => Promise<void>;
  close: () => void;
  replace: (company: CompanyRecord) => void;
  /** Reads the open company again, quietly (a sync brought something). */
  refresh: () => Promise<void>;
  loadMoreUsers: () => Promise<void>;
  openDialog: (dialog: CompanyDialog) => void;
  closeDialog: () => void;
};

const message = (error: unknown) =>
  error instanceof ApiError ? error.message : failedMessages.company;

let seq = 0;

export const useCompany = create<State & Actions>()((set, get) => ({
  rut: null,
  company: null,
  loading: false,
  error: null,
  users: [],
  nextAfter: null,
  loadingUsers: false,
  dialog: null,

  async open(rut) {
    const mine = ++seq;
    set({ rut, company: null, loading: true, error: null, users: [], nextAfter: null });
    try {
      const [company, page] = await Promise.all([
        call('companies.get', { rut }),
        call('companies.users', { rut, after: 0, limit: USERS_PAGE }),
      ]);
      if (mine !== seq) return;
      set({ company, loading: false, users: page.users, nextAfter: page.nextAfter });
    } catch (error) {
      if (mine !== seq) return;
      set({ loading: false, error: message(error) });
    }
  },

  close() {
    seq++;
    set({ rut: null, company: null, loading: false, error: null, users: [], dialog: null });
  },

  replace(company) {
    set({ company });
    // A user added, paused or removed shows in the list too.
    const mine = seq;
    void call('companies.users', { rut: company.rut, after: 0, limit: USERS_PAGE }).then(
      (page) => {
        if (mine === seq) set({ users: page.users, nextAfter: page.nextAfter });
      },
      () => {},
    );
  },

  async refresh() {
    const { rut, loading } = get();
    if (!rut || loading) return;
    const mine = seq;
    try {
      const company = await call('companies.get', { rut });
      if (mine === seq && get().rut === rut) get().replace(company);
    } catch {
      // The open screen stays as it is; the next change or a reopen shows any error.
    }
  },

  async loadMoreUsers() {
    const { rut, nextAfter, loadingUsers } = get();
    if (!rut || nextAfter === null || loadingUsers) return;
    const mine = seq;
    set({ loadingUsers: true });
    try {
      const page = await call('companies.users', { rut, after: nextAfter, limit: USERS_PAGE });
      if (mine !== seq) return;
      set({
        users: [...get().users, ...page.users],
        nextAfter: page.nextAfter,
        loadingUsers: false,
      });
    } catch (error) {
      if (mine !== seq) return;
      set({ loadingUsers: false, error: message(error) });
    }
  },

  openDialog(dialog) {
    set({ dialog });
  },

  closeDialog() {
    set({ dialog: null });
  },
}));
