/**
 * An officer's companies changed by his supervisor (issue 11): which arrived on this laptop and
 * which left it, said above the results until he reads it. Without it a company taken from him
 * only showed as a smaller count and searches that found nothing.
 */
import { formatDateTime } from '../../../shared/format';
import { syncScaleMessages } from '../../../shared/messages';
import { call } from '../api/client';
import { nameOr } from '../components/display';
import { useSession } from '../session-store';

const t = syncScaleMessages.scopeNotice;

export function ScopeNotice() {
  const notice = useSession((s) => s.sync?.scopeNotice ?? null);
  if (!notice) return null;
  const names = (companies: Array<{ rut: string; name: string | null }>) => companies.map(nameOr);
  const dismiss = async () => {
    try {
      const sync = await call('sync.dismissScopeNotice', {});
      useSession.setState({ sync });
    } catch {
      // Said again with the next status: nothing is lost by keeping it up.
    }
  };
  return (
    <section className="notice scope-notice" aria-labelledby="scope-notice-title">
      <strong id="scope-notice-title">{t.title}</strong>
      <p>{t.when(formatDateTime(notice.at))}</p>
      {notice.added.length > 0 && <p>{t.added(names(notice.added))}</p>}
      {notice.removed.length > 0 && <p>{t.removed(names(notice.removed))}</p>}
      <button type="button" onClick={() => void dismiss()}>
        {t.ok}
      </button>
    </section>
  );
}
