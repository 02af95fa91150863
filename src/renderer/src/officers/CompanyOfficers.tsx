/**
 * A company's prevention officers, on its page, for a supervisor (issue 11: scope follows
 * assignments): who holds the company now, and a way to give it to another officer or take it
 * from one — each a dialog that says what the officer's laptop will do, asks the reason (kept in
 * the audit, here and on the central API) and confirms. Asked of the central API each time:
 * online only, and said so when it cannot answer.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CompanyOfficers as Officers } from '../../../shared/contract';
import { formatTime } from '../../../shared/format';
import { officerMessages as t } from '../../../shared/messages';
import { ApiError, call } from '../api/client';
import { Modal } from '../components/Modal';
import { useSession } from '../session-store';

type Officer = Officers['officers'][number];
type Change = { assigned: true } | { assigned: false; officer: Officer };

export function CompanyOfficers({ companyRut, company }: { companyRut: string; company: string }) {
  const notify = useSession((s) => s.notify);
  const [list, setList] = useState<Officers | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Asked as the page opens, and again on «Actualizar».
  const [loading, setLoading] = useState(true);
  const [changing, setChanging] = useState<Change | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();

  const fetchList = useCallback(
    () =>
      call('officers.list', { companyRut })
        .then(setList)
        .catch((failure: unknown) =>
          setError(failure instanceof ApiError ? failure.message : t.failed),
        )
        .finally(() => setLoading(false)),
    [companyRut],
  );
  useEffect(() => {
    void fetchList();
  }, [fetchList]);
  const reload = () => {
    setLoading(true);
    setError(null);
    void fetchList();
  };

  const holders = list?.officers.filter((officer) => officer.assigned) ?? [];
  const others = list?.officers.filter((officer) => !officer.assigned && officer.active) ?? [];

  return (
    <section aria-labelledby={titleId} aria-busy={loading}>
      <div className="section-head">
        <h2 id={titleId} ref={headingRef} tabIndex={-1}>
          {t.title}
        </h2>
        {others.length > 0 && (
          <button
            type="button"
            className="small-button"
            onClick={() => setChanging({ assigned: true })}
          >
            {t.assign}
          </button>
        )}
        <button type="button" className="small-button" onClick={reload} disabled={loading}>
          {loading ? t.loading : t.reload}
        </button>
      </div>
      {list && !loading && (
        <p className="muted small">
          {t.intro(company)} {t.asOf(formatTime(list.at))}
          {list.officers.length > 0 && others.length === 0 && ` ${t.noneToAssign}`}
        </p>
      )}
      {error && (
        <p role="alert" className="notice notice-danger">
          {error}
        </p>
      )}
      {list && holders.length === 0 && <p className="muted">{t.none}</p>}
      {holders.length > 0 && (
        <ul className="officer-list" aria-labelledby={titleId}>
          {holders.map((officer) => (
            <li key={officer.username}>
              <span>
                {officer.displayName}
                <span className="muted small">
                  {' · '}
                  {t.companies(officer.companies)}
                  {!officer.active && ` · ${t.inactive}`}
                </span>
              </span>
              <button
                type="button"
                className="small-button"
                aria-label={t.removeLabel(officer.displayName)}
                onClick={() => setChanging({ assigned: false, officer })}
              >
                {t.remove}
              </button>
            </li>
          ))}
        </ul>
      )}
      {changing && (
        <ChangeDialog
          change={changing}
          companyRut={companyRut}
          company={company}
          candidates={others}
          close={() => setChanging(null)}
          done={(next, name) => {
            setChanging(null);
            setList(next);
            notify(changing.assigned ? t.assigned(name, company) : t.removed(name, company));
            // The row's button may be gone: the focus goes to the section's heading.
            requestAnimationFrame(() => headingRef.current?.focus());
          }}
        />
      )}
    </section>
  );
}

function ChangeDialog({
  change,
  companyRut,
  company,
  candidates,
  close,
  done,
}: {
  change: Change;
  companyRut: string;
  company: string;
  candidates: Officer[];
  close: () => void;
  done: (list: Officers, name: string) => void;
}) {
  const [username, setUsername] = useState(change.assigned ? '' : change.officer.username);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const officerId = useId();
  const reasonId = useId();
  const hintId = useId();
  const stableClose = useCallback(() => close(), [close]);
  const name = change.assigned
    ? (candidates.find((officer) => officer.username === username)?.displayName ?? '')
    : change.officer.displayName;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '' || username === '') return;
    setBusy(true);
    setError(null);
    try {
      const next = await call('officers.assign', {
        companyRut,
        username,
        assigned: change.assigned,
        reason,
      });
      done(next, name);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t.failed);
      setBusy(false);
    }
  };

  return (
    <Modal titleId={titleId} busy={busy} close={stableClose}>
      <form onSubmit={(event) => void submit(event)}>
        <h2 id={titleId}>
          {change.assigned ? t.assignTitle(company) : t.removeTitle(change.officer.displayName)}
        </h2>
        <p>
          {change.assigned
            ? t.assignExplain(company)
            : t.removeExplain(change.officer.displayName, company)}
        </p>
        {change.assigned && (
          <div className="field">
            <label htmlFor={officerId}>{t.officer}</label>
            <select
              id={officerId}
              value={username}
              required
              onChange={(event) => setUsername(event.target.value)}
            >
              <option value="">{t.choose}</option>
              {candidates.map((officer) => (
                <option key={officer.username} value={officer.username}>
                  {officer.displayName} ({t.companies(officer.companies)})
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={reasonId}>{t.reason}</label>
          <textarea
            id={reasonId}
            value={reason}
            rows={2}
            maxLength={500}
            required
            aria-describedby={hintId}
            onChange={(event) => setReason(event.target.value)}
          />
          <span id={hintId} className="muted small">
            {t.reasonHint}
          </span>
        </div>
        {error && (
          <p role="alert" className="notice notice-danger">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={close} disabled={busy}>
            {t.cancel}
          </button>
          <button
            type="submit"
            className={change.assigned ? 'primary' : 'danger'}
            disabled={busy || reason.trim() === '' || username === ''}
          >
            {busy ? t.saving : change.assigned ? t.confirmAssign : t.confirmRemove}
          </button>
        </div>
      </form>
    </Modal>
  );
}
