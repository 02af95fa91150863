/**
 * A company's prevention officers («prevencionistas»), on its page, for a supervisor (issue 11:
 * scope follows assignments): who holds the company now, and a way to give it to another one or
 * take it from one — each a dialog that says what the officer's laptop will do, asks the reason
 * (kept in the audit, here and on the central API) and confirms. Asked of the central API as the
 * page opens, only while it can be reached; a page opened offline says so quietly.
 */
import { useCallback, useId, useRef, useState } from 'react';
import type { CompanyOfficers as Officers } from '../../../shared/contract';
import { formatTime } from '../../../shared/format';
import { officerMessages as t } from '../../../shared/messages';
import { MIN_ADMIN_REASON } from '../../../shared/policy';
import { call } from '../api/client';
import { useAnswer } from '../api/use-answer';
import { ReasonDialog } from '../components/ReasonDialog';
import { useSession } from '../session-store';

type Officer = Officers['officers'][number];
type Change = { assigned: true } | { assigned: false; officer: Officer };

export function CompanyOfficers({ companyRut, company }: { companyRut: string; company: string }) {
  const notify = useSession((s) => s.notify);
  const online = useSession((s) => s.sync?.online === true);
  const ask = useCallback(() => call('officers.list', { companyRut }), [companyRut]);
  const { value: list, error, loading, reload } = useAnswer(ask, t.failed, online);
  const [changing, setChanging] = useState<Change | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();

  const holders = list?.officers.filter((officer) => officer.assigned) ?? [];
  const others = list?.officers.filter((officer) => !officer.assigned && officer.active) ?? [];

  return (
    <section aria-labelledby={titleId} aria-busy={online && loading}>
      <div className="section-head">
        <h2 id={titleId} ref={headingRef} tabIndex={-1}>
          {t.title}
        </h2>
        {/* Together at the right: with three children the heading's row spread them apart. */}
        <div className="section-head-buttons">
          {online && others.length > 0 && (
            <button
              type="button"
              className="small-button"
              onClick={() => setChanging({ assigned: true })}
            >
              {t.assign}
            </button>
          )}
          {online && (
            <button type="button" className="small-button" onClick={reload} disabled={loading}>
              {loading ? t.loading : t.reload}
            </button>
          )}
        </div>
      </div>
      {!online && <p className="muted">{t.offline}</p>}
      {online && error && <p className="muted">{error}</p>}
      {online && list && !loading && (
        <p className="muted small">
          {t.intro(company)} {t.asOf(formatTime(list.at))}
          {list.officers.length > 0 && others.length === 0 && ` ${t.noneToAssign}`}
        </p>
      )}
      {online && list && holders.length === 0 && <p className="muted">{t.none}</p>}
      {online && holders.length > 0 && (
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
          done={(changed, name) => {
            setChanging(null);
            notify(
              changing.assigned
                ? (changed ? t.assigned : t.alreadyAssigned)(name, company)
                : (changed ? t.removed : t.alreadyRemoved)(name, company),
            );
            reload();
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
  done: (changed: boolean, name: string) => void;
}) {
  const [username, setUsername] = useState(change.assigned ? '' : change.officer.username);
  const officerId = useId();
  const name = change.assigned
    ? (candidates.find((officer) => officer.username === username)?.displayName ?? username)
    : change.officer.displayName;

  return (
    <ReasonDialog
      title={change.assigned ? t.assignTitle(company) : t.removeTitle(name)}
      explanation={change.assigned ? t.assignExplain(company) : t.removeExplain(name, company)}
      reasonHint={t.reasonHint}
      minReason={MIN_ADMIN_REASON}
      lacking={username === '' ? { text: t.missingOfficer, field: officerId } : null}
      confirmLabel={change.assigned ? t.confirmAssign : t.confirmRemove}
      busyLabel={t.saving}
      tone={change.assigned ? 'primary' : 'danger'}
      submit={async (reason, decisionId) => {
        const { changed } = await call('officers.assign', {
          companyRut,
          username,
          assigned: change.assigned,
          reason,
          decisionId,
        });
        done(changed, name);
      }}
      close={close}
    >
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
                {officer.displayName} · {t.companies(officer.companies)}
              </option>
            ))}
          </select>
        </div>
      )}
    </ReasonDialog>
  );
}
