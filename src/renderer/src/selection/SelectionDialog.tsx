/**
 * Acting on a selection (issue 8, item 2), in one dialog: the core checks each person first
 * (how many it applies to, and who it does not, with the reason), the supervisor writes whose
 * request it was, the run shows its progress and can be stopped between persons, and the
 * result lists every person — done or not, and why — to copy or export; a membership change can
 * be undone from there.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { SelectionJob, SelectionOutcome, SelectionPreview } from '../../../shared/contract';
import { formatNumber } from '../../../shared/format';
import { dialogMessages, selectionMessages as m } from '../../../shared/messages';
import { formatRut, readRut } from '../../../shared/rut';
import { ApiError, call } from '../api/client';
import { Modal } from '../components/Modal';
import { DialogFooter } from '../components/DialogFooter';
import { saveCsv } from '../components/save-file';
import { useSession } from '../session-store';
import { useSelectionDialog, type SelectionRequest } from './selection-dialog-store';
import { ErrorNotice } from '../components/ErrorNotice';
import { LengthLeft } from '../components/LengthLeft';
import { REASON_MAX } from '../../../shared/policy';

/** Rows shown per list; the export has them all. */
const SHOWN = 300;
const POLL_MS = 250;
const MIN_REASON = 10;

export function SelectionDialogHost() {
  const request = useSelectionDialog((s) => s.request);
  if (!request) return null;
  return <SelectionDialog request={request} />;
}

type Phase =
  | { kind: 'preview'; preview: SelectionPreview | null }
  | { kind: 'running'; job: SelectionJob; stopping: boolean }
  | { kind: 'result'; job: SelectionJob }
  | { kind: 'undo'; job: SelectionJob };

const rutText = (rut: string) => {
  const parsed = readRut(rut);
  return parsed ? formatRut(parsed) : rut;
};

function OutcomeList({
  outcomes,
  action,
  label,
}: {
  outcomes: SelectionOutcome[];
  action: SelectionJob['action'];
  label: string;
}) {
  if (outcomes.length === 0) return null;
  return (
    <>
      <ul className="selection-outcomes" aria-label={label} tabIndex={0}>
        {outcomes.slice(0, SHOWN).map((o) => (
          <li key={o.rut}>
            <span className="selection-who">
              {o.name ?? '—'} <span className="rut small-inline">{rutText(o.rut)}</span>
            </span>
            <span className={o.status === 'done' ? 'ok-text' : 'muted'}>
              {m.outcomeDetail(o, action)}
            </span>
          </li>
        ))}
      </ul>
      {outcomes.length > SHOWN && (
        <p className="muted small">
          … y {formatNumber(outcomes.length - SHOWN)} más (en «{m.exportCsv}»).
        </p>
      )}
    </>
  );
}

function SelectionDialog({ request }: { request: SelectionRequest }) {
  const close = useSelectionDialog((s) => s.close);
  const notify = useSession((s) => s.notify);
  const ids = { title: useId(), description: useId(), reason: useId(), error: useId() };
  const [phase, setPhase] = useState<Phase>({ kind: 'preview', preview: null });
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const running = phase.kind === 'running';

  // The core checks each person before anything changes.
  useEffect(() => {
    let live = true;
    call('selection.preview', {
      action: request.action,
      ruts: request.ruts,
      companyRut: request.company?.rut ?? null,
    }).then(
      (preview) => live && setPhase({ kind: 'preview', preview }),
      (failure: unknown) =>
        live && setError(failure instanceof ApiError ? failure.message : dialogMessages.failed),
    );
    return () => {
      live = false;
    };
  }, [request]);

  // While it runs: its progress, until it is over.
  const jobId = phase.kind === 'running' ? phase.job.jobId : null;
  useEffect(() => {
    if (jobId === null) return;
    const timer = setInterval(() => {
      call('selection.status', { jobId }).then(
        (job) => {
          if (job.state === 'running') {
            setPhase((p) => (p.kind === 'running' ? { ...p, job } : p));
            return;
          }
          setPhase({ kind: 'result', job });
          request.onFinished();
          void useSession.getState().refreshSync();
        },
        (failure: unknown) =>
          setError(failure instanceof ApiError ? failure.message : dialogMessages.failed),
      );
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [jobId, request]);

  // A result or a new form puts the focus at the dialog's start, for keyboard users.
  useEffect(() => {
    if (phase.kind === 'result' || phase.kind === 'undo') {
      document.getElementById(ids.title)?.focus();
    }
  }, [phase.kind, ids.title]);

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (phase.kind !== 'preview' || !phase.preview || busy) return;
    setBusy(true);
    setError(null);
    try {
      const job = await call('selection.start', { planId: phase.preview.planId, reason });
      setPhase({ kind: 'running', job, stopping: false });
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : dialogMessages.failed);
    } finally {
      setBusy(false);
    }
  };

  const stop = async () => {
    if (phase.kind !== 'running') return;
    setPhase({ ...phase, stopping: true });
    try {
      await call('selection.cancel', { jobId: phase.job.jobId });
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : dialogMessages.failed);
    }
  };

  const undo = async (event: FormEvent) => {
    event.preventDefault();
    if (phase.kind !== 'undo' || busy || reasonShort) return;
    setBusy(true);
    setError(null);
    try {
      const job = await call('selection.undo', { jobId: phase.job.jobId, reason });
      setPhase({ kind: 'running', job, stopping: false });
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : dialogMessages.failed);
    } finally {
      setBusy(false);
    }
  };

  const copy = async (job: SelectionJob) => {
    const lines = [
      m.csvHeaders.join('\t'),
      ...job.outcomes.map((o) =>
        [
          rutText(o.rut),
          o.name ?? '',
          o.status === 'done' ? m.outcomeDone : m.outcomeSkipped,
          m.outcomeDetail(o, job.action),
        ].join('\t'),
      ),
    ];
    try {
      await navigator.clipboard.writeText(`${lines.join('\n')}\n`);
      notify(m.copied);
    } catch {
      notify(m.copyFailed);
    }
  };

  const exportCsv = async (job: SelectionJob) => {
    try {
      const file = await call('selection.export', { jobId: job.jobId });
      saveCsv(file);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : dialogMessages.failed);
    }
  };

  const n = request.ruts.length;
  const title =
    phase.kind === 'result'
      ? m.resultTitle(phase.job.action, phase.job.state)
      : phase.kind === 'undo'
        ? m.undoTitle
        : phase.kind === 'running'
          ? m.dialogTitle(phase.job.action, phase.job.total)
          : m.dialogTitle(request.action, n);
  const reasonShort = reason.trim().length < MIN_REASON;

  const reasonField = (
    <div className="field">
      <label htmlFor={ids.reason} className="field-label">
        {m.reasonLabel}
      </label>
      <textarea
        id={ids.reason}
        rows={2}
        maxLength={REASON_MAX}
        required
        placeholder={m.reasonPlaceholder}
        value={reason}
        aria-describedby={error ? ids.error : undefined}
        onChange={(event) => setReason(event.target.value)}
      />
      <LengthLeft value={reason} max={REASON_MAX} />
    </div>
  );

  return (
    <Modal
      titleId={ids.title}
      descriptionId={ids.description}
      wide
      className="selection-dialog"
      busy={busy || running}
      close={close}
    >
      <h2 id={ids.title} tabIndex={-1}>
        {title}
      </h2>
      <p id={ids.description} className="muted">
        {request.company ? `${m.inCompany(request.company.name)} ` : ''}
        {m.noCaller}
      </p>

      {phase.kind === 'preview' && (
        <form onSubmit={(event) => void start(event)} noValidate>
          {!phase.preview && !error && (
            <>
              <div className="progress" role="progressbar" aria-label={m.previewing} />
              <p className="muted">{m.previewing}</p>
            </>
          )}
          {phase.preview && (
            <>
              <p className="selection-summary">
                <strong>
                  {phase.preview.applicable === 0
                    ? m.noneApplies
                    : m.applies(phase.preview.applicable, phase.preview.total)}
                </strong>
              </p>
              {phase.preview.skipped.length > 0 && (
                <>
                  <h3>{m.notApplying(phase.preview.skipped.length)}</h3>
                  <OutcomeList
                    outcomes={phase.preview.skipped}
                    action={request.action}
                    label={m.skippedHeading}
                  />
                </>
              )}
              {phase.preview.applicable > 0 && reasonField}
            </>
          )}
          {error && <ErrorNotice id={ids.error}>{error}</ErrorNotice>}
          <DialogFooter
            cancel={m.cancel}
            onCancel={close}
            submit={
              phase.preview && phase.preview.applicable > 0
                ? m.confirm(request.action, phase.preview.applicable)
                : null
            }
            submitDisabled={busy || reasonShort}
            missing={
              phase.preview && phase.preview.applicable > 0 && reasonShort ? m.reasonMissing : null
            }
            goTo={ids.reason}
          />
        </form>
      )}

      {phase.kind === 'running' && (
        <>
          <progress
            className="selection-progress"
            max={phase.job.total}
            value={phase.job.processed}
            aria-label={m.progressLabel}
          />
          <p aria-live="polite">
            {phase.stopping ? m.stopping : m.progress(phase.job.processed, phase.job.total)}
          </p>
          {error && <ErrorNotice>{error}</ErrorNotice>}
          <div className="dialog-buttons">
            <button type="button" onClick={() => void stop()} disabled={phase.stopping}>
              {m.stop}
            </button>
          </div>
        </>
      )}

      {phase.kind === 'result' && (
        <>
          <p className="selection-summary" role="status">
            <strong>{m.resultSummary(phase.job.applied, phase.job.skipped)}</strong>
          </p>
          <h3>{m.doneHeading}</h3>
          <OutcomeList
            outcomes={phase.job.outcomes.filter((o) => o.status === 'done')}
            action={phase.job.action}
            label={m.doneHeading}
          />
          {phase.job.applied === 0 && <p className="muted">—</p>}
          <h3>{m.skippedHeading}</h3>
          <OutcomeList
            outcomes={phase.job.outcomes.filter((o) => o.status === 'skipped')}
            action={phase.job.action}
            label={m.skippedHeading}
          />
          {phase.job.skipped === 0 && <p className="muted">—</p>}
          {phase.job.undoneBy && <p className="muted">{m.undone}</p>}
          {error && <ErrorNotice>{error}</ErrorNotice>}
          <div className="dialog-buttons">
            <button type="button" onClick={() => void copy(phase.job)}>
              {m.copy}
            </button>
            <button type="button" onClick={() => void exportCsv(phase.job)}>
              {m.exportCsv}
            </button>
            {phase.job.undoable && (
              <button
                type="button"
                onClick={() => {
                  setReason(m.undoReason(phase.job.reason));
                  setError(null);
                  setPhase({ kind: 'undo', job: phase.job });
                }}
              >
                {m.undo}
              </button>
            )}
            <button type="button" className="primary" onClick={close}>
              {m.close}
            </button>
          </div>
        </>
      )}

      {phase.kind === 'undo' && (
        <form onSubmit={(event) => void undo(event)} noValidate>
          <p>{m.undoHelp(phase.job.action === 'disable' ? 'disable' : 'enable')}</p>
          {reasonField}
          {error && <ErrorNotice id={ids.error}>{error}</ErrorNotice>}
          <DialogFooter
            cancel={m.cancel}
            onCancel={() => setPhase({ kind: 'result', job: phase.job })}
            submit={m.undo}
            submitDisabled={busy || reasonShort}
            missing={reasonShort ? m.reasonMissing : null}
            goTo={ids.reason}
          />
        </form>
      )}
    </Modal>
  );
}
