/**
 * Who is signed in, which screen is shown, the call in progress, the open action dialog and
 * the last confirmation. Search and the record live in store.ts.
 */
import { create } from 'zustand';
import type { ActionResult, AgentSession, Interaction, SyncStatus } from '../../shared/contract';
import { failedMessages, signInMessages } from '../../shared/messages';
import { personLabel } from './components/display';
import type { IdentityFactView } from '../../shared/identity-facts';
import type { IdentityFact } from '../../shared/policy';
import { actFor, ApiError, call, whenSessionChanged } from './api/client';
import { useApp } from './store';
import { useCompany } from './company/company-store';
import { useDataRequests } from './data-requests/data-request-store';
import { useSelectionDialog } from './selection/selection-dialog-store';
import { useBulk } from './bulk/bulk-store';

/**
 * Whatever the agent before had on screen goes with them: the next one to sign in starts at an
 * empty search, with no person, company, dialog or bulk load of someone else's left open.
 */
export function forgetScreens(): void {
  useApp.getState().reset();
  useCompany.getState().close();
  useDataRequests.getState().close();
  useSelectionDialog.getState().close();
  useBulk.setState({ screen: { kind: 'home' }, companyRut: '', focusHeading: false });
}

/** The desk's screens, one per tab. */
export const VIEWS = [
  'search',
  'calls',
  'audit',
  'sync',
  'requests',
  'dataRequests',
  'bulk',
  'dashboard',
] as const;
export type View = (typeof VIEWS)[number];

/** An action the agent confirms in a dialog: what to ask for, and what to call. */
export type DialogSpec = {
  /** The audit action it takes (`account.unlock`…), and for whom: what a caller may ask. */
  action: string;
  personRut: string;
  /** Whom it is taken for, as the record shows them (the done notice names them). */
  personName: string;
  title: string;
  description?: string;
  confirmLabel: string;
  email?: string | null;
  /** A new e-mail gets its confirmation link (an active portal account, rule 10); none, no mail. */
  confirmsNewAddress?: boolean;
  phone?: string | null;
  reason: 'required' | 'none';
  identity: boolean;
  /** The facts the agent compares the caller's answers against (masked), for `identity`. */
  identityFacts?: IdentityFactView[];
  /** The mobile changed lately: why it is not among the facts (PersonRecord.phoneNoProofUntil). */
  phoneNoProofUntil?: string | null;
  /** Ley 21.719: the open rectification requests this change may answer (contact edit). */
  dataRequests?: Array<{ number: string; label: string }>;
  /** The person is blocked: the change goes through only linked to one of them. */
  dataRequestRequired?: boolean;
  submit: (values: DialogValues) => Promise<ActionResult>;
  done: string;
  /** `done` already says the action waits for the central API (a mail request). */
  doneSaysQueued?: boolean;
};

export type DialogValues = {
  email?: string;
  phone?: string;
  reason: string;
  identityCheck: IdentityFact[];
  /** Ley 21.719: the number of the rectification request chosen, if any. */
  dataRequest?: string | null;
};

type State = {
  session: AgentSession | null;
  checked: boolean;
  view: View;
  interaction: Interaction | null;
  dialog: DialogSpec | null;
  notice: string | null;
  sync: SyncStatus | null;
  /** An action just succeeded with no call open: the call bar offers to open one for this person. */
  lastActionOutsideCall: { rut: string; name: string } | null;
  /** Why the sign-in shows again without this window signing out (endedElsewhere). */
  signedOutBecause: string | null;
};

type Actions = {
  restore: () => Promise<void>;
  signIn: (username: string, password: string) => Promise<string | null>;
  signOut: () => Promise<void>;
  /** Main's session is no longer this window's: it goes to the sign-in, saying why. */
  endedElsewhere: (because?: string) => void;
  show: (view: View) => void;
  refreshInteraction: () => Promise<void>;
  setInteraction: (interaction: Interaction | null) => void;
  openDialog: (spec: DialogSpec) => void;
  closeDialog: () => void;
  notify: (message: string) => void;
  refreshSync: () => Promise<void>;
  /** An agent is about to act: main probes the central API if it has not heard from it lately. */
  checkSync: () => Promise<void>;
  dismissNudge: () => void;
};

let noticeTimer: ReturnType<typeof setTimeout> | undefined;

export const useSession = create<State & Actions>()((set, get) => {
  /** Nobody is signed in in this window any more: nothing of the last agent stays on screen. */
  const leave = (because: string | null) => {
    forgetScreens();
    set({
      session: null,
      interaction: null,
      dialog: null,
      view: 'search',
      lastActionOutsideCall: null,
      signedOutBecause: because,
      // The next agent's desk does not start from this one's status (a revoked device would
      // sign the next agent out again).
      sync: null,
    });
  };
  /** The sync status, kept only if the agent it was asked for is still the one signed in. */
  const readSync = async (channel: 'sync.status' | 'sync.check') => {
    const asked = get().session;
    try {
      const sync = await call(channel, {});
      if (get().session === asked) set({ sync });
    } catch {
      // keep the last status
    }
  };
  return {
    session: null,
    checked: false,
    view: 'search',
    interaction: null,
    dialog: null,
    notice: null,
    sync: null,
    lastActionOutsideCall: null,
    signedOutBecause: null,

    async restore() {
      try {
        const session = await call('auth.session', {});
        set({ session, checked: true });
        if (session) {
          void get().refreshInteraction();
          void get().refreshSync();
        }
      } catch {
        set({ session: null, checked: true });
      }
    },

    async signIn(username, password) {
      // Main ends whoever was signed in (a locked agent, at «Ingresar con otro usuario») as the
      // attempt starts, whether or not it succeeds: so does this window, before it is answered.
      if (get().session) {
        forgetScreens();
        set({ session: null, interaction: null, dialog: null, lastActionOutsideCall: null });
      }
      const signingIn = Date.now();
      try {
        const session = await call('auth.signIn', { username, password });
        forgetScreens();
        set({
          signedOutBecause: null,
          session,
          view: 'search',
          dialog: null,
          interaction: null,
          lastActionOutsideCall: null,
        });
        void get().refreshSync();
        // Said once the open call is read: that it signed in offline, and a call or visit left
        // open here (one opened since, in the instant before, is not «resumed»).
        void get()
          .refreshInteraction()
          .then(() => {
            if (get().session !== session) return;
            const open = get().interaction;
            const resumed =
              open && open.closedAt === null && Date.parse(open.openedAt) < signingIn
                ? signInMessages.resumed(open.kind, personLabel(open.personName, open.personRut))
                : null;
            const said = [session.signedInOffline ? signInMessages.offline : null, resumed]
              .filter((part) => part !== null)
              .join(' ');
            if (said) get().notify(said);
          });
        return null;
      } catch (error) {
        return error instanceof ApiError ? error.message : failedMessages.signIn;
      }
    },

    async signOut() {
      // What stays on this desk for the agent leaving, read before it is all forgotten.
      const { interaction, sync } = get();
      const open = interaction?.closedAt === null ? interaction.kind : null;
      const pending =
        sync?.configured === true ? Math.max(0, sync.pending - sync.waitingForOtherAgent) : 0;
      await call('auth.signOut', {}).catch(() => undefined);
      leave(signInMessages.signedOut(open, pending));
    },

    endedElsewhere(because = signInMessages.endedElsewhere) {
      leave(because);
    },

    show(view) {
      set({ view });
    },

    async refreshInteraction() {
      try {
        set({ interaction: await call('interactions.current', {}) });
      } catch {
        set({ interaction: null });
      }
    },

    setInteraction(interaction) {
      set(interaction ? { interaction, lastActionOutsideCall: null } : { interaction });
    },

    openDialog(dialog) {
      // An action that succeeds with no call open leaves a nudge to open one (CallBar shows it).
      const submit: DialogSpec['submit'] = async (values) => {
        const result = await dialog.submit(values);
        if (!get().interaction) {
          set({ lastActionOutsideCall: { rut: dialog.personRut, name: dialog.personName } });
        }
        return result;
      };
      set({ dialog: { ...dialog, submit } });
    },

    dismissNudge() {
      set({ lastActionOutsideCall: null });
    },

    closeDialog() {
      set({ dialog: null });
    },

    notify(message) {
      clearTimeout(noticeTimer);
      set({ notice: message });
      // Long enough to be read, and said by a screen reader to its end: five seconds for a short
      // confirmation, longer for one with words to tell the caller (a request's number), at most
      // twenty; the next notice replaces it.
      const readMs = Math.min(20_000, Math.max(5_000, message.length * 70));
      noticeTimer = setTimeout(() => set({ notice: null }), readMs);
    },

    async refreshSync() {
      await readSync('sync.status');
    },

    async checkSync() {
      await readSync('sync.check');
    },
  };
});

// Every call says which agent this window acts for; main refuses it, and the window goes to the
// sign-in, once that agent's session here has ended in another window.
useSession.subscribe((state) => actFor(state.session?.agentId ?? null));
whenSessionChanged((message) => useSession.getState().endedElsewhere(message));
