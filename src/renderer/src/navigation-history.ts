/**
 * The browser's Back and Forward move between the desk's screens (the web door): each screen the
 * agent opens is an entry in the page's history, so Back returns to the previous screen instead
 * of leaving the desk. Nothing is added to the address, and a Back while signed out (the entries
 * of a session that ended) changes nothing. The desktop window has no Back button; the same code
 * runs there unnoticed.
 */
import { useSession, VIEWS, type View } from './session-store';

const KNOWN: ReadonlySet<string> = new Set(VIEWS);

function viewOf(state: unknown): View | null {
  const view = (state as { view?: unknown } | null)?.view;
  return typeof view === 'string' && KNOWN.has(view) ? (view as View) : null;
}

/** Starts following the history; returns how to stop. */
export function followHistory(): () => void {
  let restoring = false;
  history.replaceState(
    { ...(history.state as object | null), view: useSession.getState().view },
    '',
  );
  const unsubscribe = useSession.subscribe((state, previous) => {
    if (restoring || state.view === previous.view) return;
    history.pushState({ view: state.view }, '');
  });
  const onPop = (event: PopStateEvent) => {
    const view = viewOf(event.state);
    if (view === null || !useSession.getState().session) return;
    restoring = true;
    try {
      useSession.getState().show(view);
    } finally {
      restoring = false;
    }
  };
  window.addEventListener('popstate', onPop);
  return () => {
    unsubscribe();
    window.removeEventListener('popstate', onPop);
  };
}
