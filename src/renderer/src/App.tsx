import { useEffect, useRef, useState, type RefObject } from 'react';
import { useReadAgainAtLockEnds } from './person/lock-ends';
import { useApp, type ResultRow } from './store';
import { useSession } from './session-store';
import {
  bulkMessages,
  dashboardMessages,
  dataRequestMessages,
  deskMessages,
  interactionWords,
  lockScreenMessages,
  replicaKeyMessages,
  roleNames,
  searchMessages,
  shortcutMessages,
} from '../../shared/messages';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import { questionMarkOpensShortcuts } from './components/question-mark-shortcut';
import { useToastClearOfFocus } from './components/use-toast-clear-of-focus';
import { SignOutButton } from './sign-in/SignOutButton';
import { ActionDialog } from './person/ActionDialog';
import { isModalOpen } from './components/Modal';
import { CompanyDialogHost } from './company/CompanyDialog';
import { CompanyPane } from './company/CompanyPane';
import { RequestsView } from './company/RequestsView';
import { useCompany } from './company/company-store';
import { AuditView } from './audit/AuditView';
import { CallBar } from './calls/CallBar';
import { CallsView } from './calls/CallsView';
import { SignInScreen } from './sign-in/SignInScreen';
import { LockGate, useLockNow } from './lock/LockGate';
import { deskHidden } from './lock/desk-hidden';
import { SyncIndicator } from './sync/SyncIndicator';
import { IncompleteDataNotice, PersonCount } from './components/IncompleteDataNotice';
import { ScopeNotice } from './sync/ScopeNotice';
import { SyncView } from './sync/SyncView';
import { PersonRecordPane } from './person/PersonRecordView';
import { SettledAnnouncement } from './components/SettledAnnouncement';
import { focusViewHeading } from './components/focus-view';
import { ScreenErrorBoundary } from './components/ScreenErrorBoundary';
import {
  ResultList,
  ResultSelectionBar,
  SearchNotices,
  useSpokenSearchNotices,
} from './person/ResultList';
import { SelectionDialogHost } from './selection/SelectionDialog';
import { SearchBox } from './person/SearchBox';
import { useSignOutWhenRevoked } from './device-trust/DeviceTrustNotice';
// Ley 21.719 data-subject requests (issue 10).
import { DataRequestsView } from './data-requests/DataRequestsView';
import { DataRequestDialogs } from './data-requests/PersonDataProtection';
import { BulkLoadsView } from './bulk/BulkLoadsView';
import { useBulk } from './bulk/bulk-store';
import { mayBulkLoad } from '../../shared/policy';
// The supervisor's Panel (issue 10).
import { DashboardView } from './dashboard/DashboardView';

export function App() {
  const restore = useSession((s) => s.restore);
  const checked = useSession((s) => s.checked);
  const session = useSession((s) => s.session);

  useEffect(() => {
    void restore();
  }, [restore]);

  if (!checked) return null;
  // One desk per agent: another agent signing in never inherits what the one before had open.
  return <LockGate>{session ? <Desk key={session.agentId} /> : <SignInScreen />}</LockGate>;
}

function Desk() {
  const searchRef = useRef<HTMLInputElement>(null);
  const recordRef = useRef<HTMLElement>(null);
  const closeRecord = useApp((s) => s.closeRecord);
  const loadInfo = useApp((s) => s.loadInfo);
  const personCount = useApp((s) => s.personCount);
  const replicaNotice = useApp((s) => s.replicaNotice);
  const searching = useApp((s) => s.searching);
  const answeredSeq = useApp((s) => s.answeredSeq);
  const [paint, setPaint] = useState({ seq: 0, ms: 0 });
  const rows = useApp((s) => s.rows);
  const total = useApp((s) => s.total);
  // What the search's notices say, read out with the count once the typing settles.
  const spokenNotices = useSpokenSearchNotices();
  const companyOpen = useCompany((s) => s.rut !== null);
  const companyRut = useCompany((s) => s.rut);
  const openRut = useApp((s) => s.record?.rut ?? null);
  const text = useApp((s) => s.text);
  const scope = useApp((s) => s.scope);
  const session = useSession((s) => s.session)!;
  const view = useSession((s) => s.view);
  const show = useSession((s) => s.show);
  const notice = useSession((s) => s.notice);
  const toastRef = useRef<HTMLDivElement>(null);
  const toastAway = useToastClearOfFocus(toastRef, notice);
  // Device trust (issue 11): a revoked device ends the session; the sign-in screen says why.
  useSignOutWhenRevoked();
  const lockNow = useLockNow();
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  // A temporary lock on screen that ends: its record and results are read again then.
  useReadAgainAtLockEnds();

  useEffect(() => {
    void loadInfo();
  }, [loadInfo]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // Behind the lock screen the desk hears nothing: the keys are the lock screen's.
      if (deskHidden()) return;
      // Locking works everywhere, over an open dialog too (the lock takes the desk, and the
      // dialog with it, off the screen).
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        lockNow('manual');
        return;
      }
      // An open dialog owns the keyboard: its Esc closes it, not the record beneath.
      if (event.defaultPrevented || isModalOpen()) return;
      if (
        event.key === 'F1' ||
        (event.key === '?' && !typesText(event.target) && questionMarkOpensShortcuts())
      ) {
        event.preventDefault();
        setShortcutsOpen(true);
      } else if (event.key === 'F2') {
        // To the call bar: its «Motivo» to open one, where the offer to open a call for the
        // person just acted on waits, far behind the record in Tab order; or the open call's
        // «Cerrar», not its «Motivo», which an arrow key would change at once.
        const first =
          document.querySelector<HTMLElement>('.callbar-open button:not(:disabled)') ??
          document.querySelector<HTMLElement>(
            '.callbar :is(select, input, textarea, button):not(:disabled)',
          );
        if (first) {
          event.preventDefault();
          first.focus();
        }
      } else if (event.key === 'F3') {
        // To what the record proposes: the diagnosis's first fix the agent may take (five Tabs
        // from the call bar otherwise); with none, its first fix that waits, which says why
        // (walk 58b: F3 seemed to do nothing); with no fix at all, the record, read from its top.
        const record = document.querySelector<HTMLElement>('section.record[tabindex="-1"]');
        if (record && useSession.getState().view === 'search' && !useCompany.getState().rut) {
          event.preventDefault();
          focusProposedFix(record);
        }
      } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        useSession.getState().show('search');
        useApp.getState().startNewSearch();
        const focusBox = () => {
          searchRef.current?.focus();
          searchRef.current?.select();
        };
        // Already on screen: at once, so the keys typed right after Ctrl+K land in it (in the
        // next frame, a fast typist's first keys were lost). From another screen: once drawn.
        if (searchRef.current?.offsetParent) focusBox();
        else requestAnimationFrame(focusBox);
      } else if (
        event.key === 'Escape' &&
        // Esc on a list (the call bar's «Motivo») closes its choices, not the record under it.
        !(event.target instanceof HTMLSelectElement) &&
        (useApp.getState().recordRut || useCompany.getState().rut) &&
        useSession.getState().view === 'search'
      ) {
        event.preventDefault();
        // A company's page opened from a record goes back to that record; a record opened on a
        // company's page, to it; either opened from another screen's list, to that screen;
        // anything else, to the search.
        const { recordRut, listBehind } = useApp.getState();
        if (recordRut && useCompany.getState().rut) {
          // The pane that comes back takes the focus (the one pressed went with the company).
          useCompany.getState().close();
        } else if (listBehind) {
          closeRecord();
          useSession.getState().show(listBehind);
          focusViewHeading();
        } else if (!(recordRut && useApp.getState().backToCompany())) {
          closeRecord();
          searchRef.current?.focus();
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [closeRecord, lockNow]);

  // Keystroke to painted results: measured after the frame that shows them.
  useEffect(() => {
    if (answeredSeq === 0) return;
    const frame = requestAnimationFrame(() => {
      setTimeout(() => {
        setPaint({ seq: answeredSeq, ms: performance.now() - useApp.getState().typedAt });
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [answeredSeq]);

  const focusRecord = () => requestAnimationFrame(() => recordRef.current?.focus());
  // The pane swaps between a person and a company (a record's company link, Esc back): the
  // button pressed went with the pane it was in, so the pane that came takes the focus.
  const paneWas = useRef(companyOpen);
  useEffect(() => {
    if (paneWas.current === companyOpen) return;
    paneWas.current = companyOpen;
    const frame = requestAnimationFrame(() => {
      const focused = document.activeElement;
      if (focused === null || focused === document.body) recordRef.current?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [companyOpen]);
  const idle = text.trim() === '' && !scope;
  const tab = (target: typeof view, label: string) => (
    <button
      type="button"
      className={view === target ? 'tab active' : 'tab'}
      aria-current={view === target ? 'page' : undefined}
      onClick={() => {
        // From another tab, a tab comes back to where it was (a load's report); pressed again
        // where one already is, it goes back to its start (the list of loads).
        if (target === 'bulk' && view === 'bulk') useBulk.getState().show({ kind: 'home' });
        show(target);
        focusContent(searchRef);
      }}
    >
      {label}
    </button>
  );

  return (
    <div className="app">
      <a
        className="skip-link"
        href="#content"
        onClick={(event) => {
          event.preventDefault();
          focusContent(searchRef);
        }}
      >
        {deskMessages.skipLink}
      </a>
      <header className="topbar">
        <span className="brand">{deskMessages.brand}</span>
        <nav aria-label={deskMessages.sections}>
          {tab('search', deskMessages.tabs.search)}
          {tab('calls', interactionWords(session.role).bar.listTitle)}
          {session.role !== 'prevention' && tab('requests', deskMessages.tabs.requests)}
          {session.role !== 'prevention' && tab('dataRequests', dataRequestMessages.tab)}
          {session.role === 'supervisor' && tab('audit', deskMessages.tabs.audit)}
          {mayBulkLoad(session.role) && tab('bulk', bulkMessages.tab)}
          {session.role === 'supervisor' && tab('dashboard', dashboardMessages.tab)}
          {tab('sync', deskMessages.tabs.sync)}
        </nav>
        <PersonCount count={personCount} />
        <SyncIndicator />
        <span className="agent">
          {session.displayName} · {roleNames[session.role]}
          <button
            type="button"
            className="link"
            title={shortcutMessages.buttonHint(questionMarkOpensShortcuts())}
            aria-keyshortcuts={questionMarkOpensShortcuts() ? 'F1 Shift+?' : 'F1'}
            onClick={() => setShortcutsOpen(true)}
          >
            {shortcutMessages.button}
          </button>
          <button
            type="button"
            className="link"
            title={lockScreenMessages.lockNowHint}
            aria-keyshortcuts="Control+Shift+L"
            onClick={() => lockNow('manual')}
          >
            {lockScreenMessages.lockNow}
          </button>
          <SignOutButton />
        </span>
      </header>
      <CallBar />
      {shortcutsOpen && <ShortcutsDialog close={() => setShortcutsOpen(false)} />}
      {replicaNotice && (
        <section className="notice notice-warn" role="alert" aria-labelledby="replica-aside-title">
          <strong id="replica-aside-title">{replicaKeyMessages.setAsideTitle}</strong>
          <p>{replicaNotice}</p>
        </section>
      )}
      {view !== 'search' && (
        // Every screen has its main landmark (the search's is the workspace below).
        <main className="view-main" id="content">
          <ScreenErrorBoundary resetKey={view}>
            {view === 'calls' && <CallsView />}
            {view === 'audit' && <AuditView />}
            {view === 'sync' && <SyncView />}
            {view === 'requests' && <RequestsView />}
            {view === 'dataRequests' && <DataRequestsView />}
            {view === 'bulk' && <BulkLoadsView />}
            {view === 'dashboard' && <DashboardView />}
          </ScreenErrorBoundary>
        </main>
      )}
      <main
        className="workspace"
        hidden={view !== 'search'}
        id={view === 'search' ? 'content' : undefined}
      >
        <section className="left" aria-labelledby="search-heading">
          <h1 id="search-heading" className="visually-hidden">
            {deskMessages.searchHeading}
          </h1>
          <SearchBox ref={searchRef} onOpened={focusRecord} />
          {searching && (
            <div className="progress thin" role="progressbar" aria-label={deskMessages.searching} />
          )}
          <IncompleteDataNotice where="results" />
          <ScopeNotice />
          <SearchNotices />
          {idle ? (
            <div className="help">
              <p>{deskMessages.searchHelp.intro}</p>
              <ul>
                {deskMessages.searchHelp.ways.map((way) => (
                  <li key={way}>{way}</li>
                ))}
              </ul>
              <p className="muted">{deskMessages.searchHelp.keys}</p>
            </div>
          ) : (
            <ResultList onOpened={focusRecord} />
          )}
          {!idle && <ResultSelectionBar />}
          <footer
            className="statusbar muted"
            aria-live="off"
            data-paint-seq={paint.seq}
            data-paint-ms={paint.ms.toFixed(1)}
          >
            {rows.length > 0 && resultSummary(rows, total)}
          </footer>
          <SettledAnnouncement
            text={[spokenNotices, rows.length > 0 ? resultSummary(rows, total) : '']
              .filter(Boolean)
              .join(' ')}
          />
        </section>
        {/* Another record or company tries again by itself. */}
        <ScreenErrorBoundary resetKey={companyOpen ? `company:${companyRut}` : `person:${openRut}`}>
          {companyOpen ? <CompanyPane ref={recordRef} /> : <PersonRecordPane ref={recordRef} />}
        </ScreenErrorBoundary>
      </main>
      <ActionDialog />
      <CompanyDialogHost />
      <SelectionDialogHost />
      <DataRequestDialogs />
      <div
        ref={toastRef}
        className={toastAway ? 'toast toast-away' : 'toast'}
        role="status"
        aria-live="polite"
      >
        {notice}
      </div>
    </div>
  );
}

/**
 * To the screen's content: the search box on the search, the screen's heading elsewhere (read
 * out, so a screen-reader user hears where they landed; the focus no longer stays in the bar).
 */
function focusContent(searchBox: RefObject<HTMLInputElement | null>): void {
  if (useSession.getState().view !== 'search') {
    focusViewHeading();
    return;
  }
  requestAnimationFrame(() => searchBox.current?.focus());
}

/**
 * F3's target: the diagnosis's first fix the agent may take; with none, its first fix that waits
 * (which says why); with no fix at all, the record. Pressed while another person's record is on
 * its way (the CI run of stop 67: F3 right after Enter landed on the record), it waits for it,
 * unless the agent has moved on meanwhile.
 */
function focusProposedFix(record: HTMLElement): void {
  const focus = () =>
    (
      record.querySelector<HTMLElement>(
        '.diagnosis button:not([aria-disabled="true"]):not(:disabled)',
      ) ??
      record.querySelector<HTMLElement>('.diagnosis button:not(:disabled)') ??
      record
    ).focus();
  if (record.getAttribute('aria-busy') !== 'true') {
    focus();
    return;
  }
  const pressedFrom = document.activeElement;
  const watch = new MutationObserver(() => {
    if (record.getAttribute('aria-busy') === 'true') return;
    stop();
    if (record.isConnected && document.activeElement === pressedFrom) focus();
  });
  const giveUp = window.setTimeout(() => stop(), 10_000);
  const stop = () => {
    watch.disconnect();
    window.clearTimeout(giveUp);
  };
  watch.observe(record, { attributes: true, attributeFilter: ['aria-busy'] });
}

/** A key typed into a field of text is its own, not a shortcut («?» in a name, a note). */
function typesText(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement ||
      (target instanceof HTMLInputElement &&
        !['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(target.type)))
  );
}

function resultSummary(rows: ResultRow[], total: number): string {
  const persons = rows.filter((row) => row.kind === 'person').length;
  return searchMessages.summary(persons, Math.max(total, persons), rows.length - persons);
}
