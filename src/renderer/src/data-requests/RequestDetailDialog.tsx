import { useEffect, useId, useRef, useState } from 'react';
import type { DataRequestView, ExportView, LinkedChange } from '../../../shared/contract';
import {
  formatDateTime,
  formatDay,
  formatNumber,
  formatReceived,
  santiagoDate,
} from '../../../shared/format';
import {
  dataRequestLabels as labels,
  dataRequestMessages as t,
  actionSyncWords,
  dialogMessages,
  identityFactLabels,
} from '../../../shared/messages';
import {
  checkMove,
  DATA_REQUEST_MOVES,
  DATA_REQUEST_MOVE_NAMES,
  forwardedForDecision,
  isOpen,
  mayExportPersonData,
  type DataRequestMove,
} from '../../../shared/rules/data-requests';
import { EXPORT_KEPT_DAYS } from '../../../shared/rules/export-retention';
import { ApiError, call } from '../api/client';
import { displayRut } from '../components/display';
import { Modal } from '../components/Modal';
import { TrailingTag } from '../components/Tag';
import { MIN_REASON_LENGTH } from '../../../shared/policy';
import { saveBlob } from '../components/save-file';
import { useSession } from '../session-store';
import { useApp } from '../store';
import { DeadlineCell } from './DataRequestsView';
import { useDataRequests } from './data-request-store';
import { ErrorNotice } from '../components/ErrorNotice';
import { LengthLeft } from '../components/LengthLeft';
import { REASON_MAX } from '../../../shared/policy';

/**
 * «Eliminar archivos», then a confirmation in place of the button: the focus goes to «Cancelar»
 * when it opens (the question read with it) and back to the button when it is cancelled (Esc
 * cancels it, not the dialog). `describedBy`: what tells this export from the others.
 */
function DeleteFiles({
  onConfirm,
  describedBy,
}: {
  onConfirm: () => Promise<void>;
  describedBy: string;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const ask = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  const question = useId();
  useEffect(() => {
    if (asking) cancel.current?.focus();
    else if (asked.current) ask.current?.focus();
    asked.current = asking;
  }, [asking]);
  if (!asking) {
    return (
      <button
        type="button"
        ref={ask}
        aria-describedby={describedBy}
        onClick={() => setAsking(true)}
      >
        {t.deleteFiles}
      </button>
    );
  }
  // Kept focusable while the answer is awaited (aria-disabled): the focus stays where it was.
  return (
    <span
      className="export-delete"
      role="group"
      aria-label={t.deleteFiles}
      aria-describedby={question}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || busy) return;
        event.stopPropagation();
        setAsking(false);
      }}
    >
      <span id={question}>{t.deleteConfirm}</span>{' '}
      <button
        type="button"
        className="danger"
        aria-disabled={busy}
        onClick={() => {
          if (busy) return;
          setBusy(true);
          void onConfirm().finally(() => {
            setBusy(false);
            setAsking(false);
          });
        }}
      >
        {t.deleteConfirmButton}
      </button>{' '}
      <button
        type="button"
        ref={cancel}
        aria-disabled={busy}
        onClick={() => !busy && setAsking(false)}
      >
        {t.cancel}
      </button>
    </span>
  );
}

const kb = (bytes: number) => `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;

/** One request: its facts, its moves, the block, and (access, portability) its exports. */
export function RequestDetailDialog({ number }: { number: string }) {
  const close = useDataRequests((s) => s.close);
  const changed = useDataRequests((s) => s.changed);
  const notify = useSession((s) => s.notify);
  const reloadRecord = useApp((s) => s.reloadRecord);
  const [request, setRequest] = useState<DataRequestView | null>(null);
  const [exports, setExports] = useState<ExportView[]>([]);
  const [linked, setLinked] = useState<LinkedChange[]>([]);
  const [move, setMove] = useState<DataRequestMove | 'unblock' | null>(null);
  const [reason, setReason] = useState('');
  /** The one extension the law allows, its reason told to the titular: ticked to confirm it. */
  const [extendUnderstood, setExtendUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [removing, setRemoving] = useState(false);
  /** The export whose files were just removed: its row takes the focus, once, when shown. */
  const removedNow = useRef<string | null>(null);
  useEffect(() => {
    if (removedNow.current === null) return;
    document.getElementById(`${removedNow.current}-removed`)?.focus();
    removedNow.current = null;
  }, [exports]);
  const [error, setError] = useState<string | null>(null);
  /** What went wrong with the change being made, shown beside it. */
  const [moveError, setMoveError] = useState<string | null>(null);
  const stateRef = useRef<HTMLElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  /** The button that chose the change being made: it takes the focus back if given up. */
  const chooser = useRef<HTMLButtonElement | null>(null);
  const ids = {
    title: useId(),
    reason: useId(),
    rule: useId(),
    linked: useId(),
    note: useId(),
    extendUnderstood: useId(),
  };

  const failed = (failure: unknown) =>
    setError(failure instanceof ApiError ? failure.message : dialogMessages.failed);

  useEffect(() => {
    let current = true;
    call('dataRequests.get', { number }).then(
      (answer) => {
        if (!current) return;
        setRequest(answer.request);
        setExports(answer.exports);
        setLinked(answer.linkedChanges);
      },
      (failure: unknown) =>
        current && setError(failure instanceof ApiError ? failure.message : dialogMessages.failed),
    );
    return () => {
      current = false;
    };
  }, [number]);

  /** The exports again: the copies handed out since the dialog opened, when their files go. */
  const reloadExports = async () => {
    try {
      setExports((await call('dataRequests.get', { number })).exports);
    } catch {
      // The list stays as it was; what was asked (a copy, a move) is done already.
    }
  };

  const after = async (next: DataRequestView, message: string) => {
    setRequest(next);
    setMove(null);
    // The button that had the focus is gone with the move: the new state takes it, and is read.
    requestAnimationFrame(() => stateRef.current?.focus());
    setReason('');
    changed();
    notify(message);
    // Closed, its exports' files now have a date to go (export-retention.ts).
    void reloadExports();
    void reloadRecord();
    void useSession.getState().refreshSync();
  };

  const needsReason = move === 'unblock' || (move !== null && DATA_REQUEST_MOVES[move].reason);
  // A blocking request answered while its block holds: the block stays (said before confirming).
  const keepsBlock = move === 'answer' && request?.right === 'blocking' && request.blocked;

  const confirm = async () => {
    if (!request || !move || busy) return;
    // A reason the change needs is asked for here, in this field's words, before anything is
    // sent (main refuses it too, in a change's general words).
    if (needsReason && reason.trim().length < MIN_REASON_LENGTH) {
      const field = move === 'unblock' ? t.unblockReason : t.reasonFor(labels.moves[move]);
      setMoveError(t.reasonMissing(field, MIN_REASON_LENGTH));
      requestAnimationFrame(() => reasonRef.current?.focus());
      return;
    }
    // It cannot be undone nor repeated (art. 11): said and ticked before it goes.
    if (move === 'extend' && !extendUnderstood) {
      setMoveError(t.extendUnderstoodMissing);
      requestAnimationFrame(() => document.getElementById(ids.extendUnderstood)?.focus());
      return;
    }
    setBusy(true);
    setMoveError(null);
    try {
      if (move === 'unblock') {
        const done = await call('dataRequests.unblock', { number, reason });
        await after(done.request, t.unblocked(number));
      } else {
        const before = request?.dueDate ?? null;
        const done = await call('dataRequests.move', { number, move, reason: reason || null });
        // An extension: the new deadline to tell the titular, and the one it replaces
        // (walk 60b L2).
        const said =
          move === 'extend' && before !== null && before !== done.request.dueDate
            ? t.extended(number, formatDay(done.request.dueDate), formatDay(before))
            : t.moved(number, labels.states[done.request.state]);
        await after(done.request, said);
      }
    } catch (failure) {
      setMoveError(failure instanceof ApiError ? failure.message : dialogMessages.failed);
      // «Confirmar» was disabled while it waited, and the focus fell out of the dialog: it goes
      // to the reason, what there is to mend (a missing one, most often).
      requestAnimationFrame(() => reasonRef.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  /** A change chosen: its reason takes the focus; given up, the button that chose it. */
  const choose = (name: typeof move, button: HTMLButtonElement) => {
    chooser.current = button;
    setMove(name);
    setMoveError(null);
    requestAnimationFrame(() => reasonRef.current?.focus());
  };

  const runExport = async () => {
    if (exporting) return;
    setExporting(true);
    setError(null);
    try {
      const made = await call('dataRequests.export', { number });
      setExports((current) => [made, ...current]);
      notify(t.exported(made.rows));
    } catch (failure) {
      failed(failure);
    } finally {
      setExporting(false);
    }
  };

  /**
   * A copy of one file. Web door: fetched whole from its one-time link first, so a refusal or a
   * cut shows here in Spanish instead of a broken file in the browser's downloads; Electron door:
   * saved where the agent chose (or nothing, if they cancelled).
   */
  const fetchFile = async (exportId: string, format: 'html' | 'json') => {
    setError(null);
    try {
      const link = await call('dataRequests.download', { exportId, format });
      if (link.url) {
        const response = await fetch(link.url);
        if (!response.ok) {
          setError(await response.text());
          return;
        }
        saveBlob(await response.blob(), link.fileName);
        notify(t.downloaded(link.fileName));
      } else if (link.shownInFolder) notify(t.shownInFolder);
      else return;
      await reloadExports();
    } catch (failure) {
      if (failure instanceof ApiError) failed(failure);
      else setError(t.downloadFailed);
    }
  };

  /**
   * An export's files removed from this desk, once confirmed; its row then says who and when,
   * and takes the focus (the confirmation it had is gone). Refused, the list is read again.
   */
  const deleteFiles = async (exportId: string) => {
    setError(null);
    setRemoving(true);
    try {
      const updated = await call('dataRequests.deleteExport', { exportId });
      removedNow.current = exportId;
      setExports((current) => current.map((made) => (made.id === exportId ? updated : made)));
      notify(t.deleted);
    } catch (failure) {
      failed(failure);
      await reloadExports();
    } finally {
      setRemoving(false);
    }
  };

  const exportable = request?.right === 'access' || request?.right === 'portability';
  const mayExport = useSession((s) => mayExportPersonData(s.session?.role ?? 'agent'));

  return (
    <Modal titleId={ids.title} wide busy={busy || exporting || removing} close={close} focusTitle>
      <h2 id={ids.title}>{t.detailTitle(number)}</h2>
      {!request && !error && <div className="progress" role="progressbar" aria-label={t.loading} />}
      {request && (
        <>
          <dl className="facts">
            <dt>{t.person}</dt>
            <dd>
              {request.personName ?? ''}{' '}
              <span className="rut small">{displayRut(request.personRut)}</span>
              {request.withoutRecord && <TrailingTag>{t.withoutRecord.tag}</TrailingTag>}
            </dd>
            <dt>{t.right}</dt>
            <dd>{labels.rights[request.right]}</dd>
            <dt>{t.columns.state}</dt>
            <dd
              ref={stateRef}
              tabIndex={-1}
              aria-label={`${t.columns.state}: ${labels.states[request.state]}`}
            >
              {labels.states[request.state]}
              {/* A denial's reason, or the note the answer was given with. */}
              {request.stateReason && ` · ${t.reason}: ${request.stateReason}`}
            </dd>
            {request.extensionReason && (
              <>
                <dt>{t.extension}</dt>
                <dd>
                  {t.reason}: {request.extensionReason}
                </dd>
              </>
            )}
            <dt>{t.columns.received}</dt>
            <dd>
              {formatReceived(request.receivedAt)} · {labels.channels[request.channel]}
            </dd>
            <dt>{t.identityMethod}</dt>
            <dd>
              {labels.identityMethods[request.identityMethod]}
              {request.identityFacts.length > 0 &&
                ` · ${t.factsMatched(request.identityFacts.map((fact) => identityFactLabels[fact]))}`}
            </dd>
            <dt>{t.columns.due}</dt>
            <dd>
              <DeadlineCell request={request} />
            </dd>
            <dt>{t.detail}</dt>
            <dd className="call-notes">{request.detail}</dd>
            <dt>{t.columns.agent}</dt>
            <dd>{request.agentName ?? request.agentId}</dd>
            <dt>{t.centralLabel}</dt>
            <dd>{request.atCentral ? t.atCentral : t.pendingCentral}</dd>
          </dl>
          {request.blocked && request.blockedAt && (
            <p className="notice notice-danger">
              {t.banner(request.number, formatDateTime(request.blockedAt))}
            </p>
          )}
          {!request.blocked && request.blockedAt && request.unblockedAt && (
            <p className="notice">
              {t.blockEnded(
                formatDateTime(request.blockedAt),
                formatDateTime(request.unblockedAt),
                isOpen(request.state),
              )}
            </p>
          )}
          {forwardedForDecision(request.right) && (
            <p className="notice notice-warn">{t.forwardNote}</p>
          )}
          {(request.right === 'rectification' || linked.length > 0) && (
            <section aria-labelledby={ids.linked}>
              <h3 id={ids.linked}>{t.linkedTitle}</h3>
              {linked.length === 0 ? (
                <p className="muted small">{t.linkedNone}</p>
              ) : (
                <ul className="linked-changes">
                  {linked.map((change, index) => (
                    <li key={`${change.at}-${index}`}>
                      {formatDateTime(change.at)} · {change.action} ·{' '}
                      {change.agentName ?? t.unknownAgent}
                      {change.lines.length > 0 && (
                        <span className="small"> — {change.lines.join(' · ')}</span>
                      )}
                      {change.sync && (
                        <span className="small warn-text"> ({actionSyncWords[change.sync]})</span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {request.right === 'rectification' && request.deadline !== 'closed' && (
                <p className="muted small">{t.rectifyHint}</p>
              )}
            </section>
          )}

          {/* Late, and never extended: why «Prorrogar 30 días» is not offered (checkMove). */}
          {request.deadline === 'overdue' && !request.extended && request.right !== 'blocking' && (
            <p className="muted small">{t.termPassed}</p>
          )}
          <div className="audit-buttons" role="group" aria-label={t.columns.actions}>
            {DATA_REQUEST_MOVE_NAMES.filter(
              (name) =>
                checkMove(
                  {
                    state: request.state,
                    right: request.right,
                    extended: request.extended,
                    dueDate: request.dueDate,
                  },
                  name,
                  'xxx',
                  santiagoDate(new Date()),
                ).ok,
            ).map((name) => (
              <button
                key={name}
                type="button"
                aria-pressed={move === name}
                onClick={(event) => choose(name, event.currentTarget)}
              >
                {labels.moves[name]}
              </button>
            ))}
            {request.blocked && (
              <button
                type="button"
                aria-pressed={move === 'unblock'}
                onClick={(event) => choose('unblock', event.currentTarget)}
              >
                {t.unblockButton}
              </button>
            )}
          </div>
          {move && (
            <div className="field">
              <label htmlFor={ids.reason}>
                {move === 'unblock' ? t.unblockReason : t.reasonFor(labels.moves[move])}
                {needsReason ? '' : ` (${t.optional})`}
              </label>
              <textarea
                ref={reasonRef}
                id={ids.reason}
                rows={2}
                maxLength={REASON_MAX}
                value={reason}
                aria-describedby={
                  move === 'deny' || move === 'extend' || keepsBlock ? ids.note : undefined
                }
                onChange={(event) => setReason(event.target.value)}
                onKeyDown={(event) => {
                  // Ctrl+Enter confirms this change, as it confirms every dialog's.
                  if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
                  event.preventDefault();
                  event.stopPropagation();
                  if (!busy) void confirm();
                }}
              />
              <LengthLeft value={reason} max={REASON_MAX} />
              {(move === 'deny' || move === 'extend') && (
                <p id={ids.note} className="muted small">
                  {move === 'deny' ? t.denyNote : t.extendNote}
                </p>
              )}
              {move === 'extend' && (
                <label className="check">
                  <input
                    type="checkbox"
                    id={ids.extendUnderstood}
                    checked={extendUnderstood}
                    onChange={(event) => {
                      setExtendUnderstood(event.target.checked);
                      setMoveError(null);
                    }}
                  />
                  {t.extendUnderstood}
                </label>
              )}
              {keepsBlock && (
                <p id={ids.note} className="notice notice-warn">
                  {t.answerKeepsBlock}
                </p>
              )}
              <div className="dialog-buttons">
                <button
                  type="button"
                  onClick={() => {
                    // The change is given up, its reason with it: chosen again, it starts empty.
                    setMove(null);
                    setReason('');
                    setExtendUnderstood(false);
                    setMoveError(null);
                    requestAnimationFrame(() => chooser.current?.focus());
                  }}
                  disabled={busy}
                >
                  {t.cancel}
                </button>
                <button
                  type="button"
                  className="primary"
                  disabled={busy}
                  onClick={() => void confirm()}
                >
                  {busy ? dialogMessages.saving : t.confirmMove}
                </button>
              </div>
              {/* What went wrong with the change, beside it (not below the exports). */}
              {moveError && <ErrorNotice>{moveError}</ErrorNotice>}
            </div>
          )}

          {exportable && request.withoutRecord && (
            <p className="notice">{t.withoutRecord.answer}</p>
          )}
          {exportable && !request.withoutRecord && !mayExport && (
            <p className="notice">{t.exportBySupervisor}</p>
          )}
          {exportable && !request.withoutRecord && mayExport && (
            <section aria-labelledby={`${ids.title}-exports`}>
              <h3 id={`${ids.title}-exports`}>{t.exportsTitle}</h3>
              <p className="muted small">{t.retentionNote(EXPORT_KEPT_DAYS)}</p>
              <button
                type="button"
                className="primary"
                // Waiting, not disabled: a disabled button drops the focus out of the dialog.
                aria-disabled={exporting}
                onClick={() => void runExport()}
              >
                {t.exportButton}
              </button>
              {exporting && (
                <div className="progress" role="progressbar" aria-label={t.exporting}>
                  <span className="visually-hidden">{t.exporting}</span>
                </div>
              )}
              {exports.length === 0 ? (
                <p className="muted small">{t.noExports}</p>
              ) : (
                <ul className="calls data-exports">
                  {exports.map((made) => (
                    <li key={made.id}>
                      <span id={`${made.id}-made`}>
                        {formatDateTime(made.createdAt)} · {t.exportRows(made.rows)}
                      </span>{' '}
                      {made.removed ? (
                        <span className="muted" id={`${made.id}-removed`} tabIndex={-1}>
                          {made.removed.automatic
                            ? t.removedAutomatically(formatDateTime(made.removed.at))
                            : t.removedLine(
                                formatDateTime(made.removed.at),
                                made.removed.agentName,
                              )}
                        </span>
                      ) : (
                        <>
                          <button type="button" onClick={() => void fetchFile(made.id, 'html')}>
                            {t.downloadHtml} · {kb(made.htmlBytes)}
                          </button>{' '}
                          <button type="button" onClick={() => void fetchFile(made.id, 'json')}>
                            {t.downloadJson} · {kb(made.jsonBytes)}
                          </button>{' '}
                          <DeleteFiles
                            onConfirm={() => deleteFiles(made.id)}
                            describedBy={`${made.id}-made`}
                          />
                          {made.removalAt && (
                            <p className="muted small">
                              {t.removalLine(formatDateTime(made.removalAt))}
                            </p>
                          )}
                        </>
                      )}
                      <div className="export-copies">
                        <p className="muted small" id={`${made.id}-copies`}>
                          {t.copiesLabel}
                        </p>
                        <ul className="muted small" aria-labelledby={`${made.id}-copies`}>
                          {made.copies.length === 0 ? (
                            <li>{t.noCopies}</li>
                          ) : (
                            made.copies.map((copy, index) => (
                              <li key={index}>
                                {t.copyLine(formatDateTime(copy.at), copy.agentName, copy.format)}
                              </li>
                            ))
                          )}
                        </ul>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
        </>
      )}
      {error && <ErrorNotice>{error}</ErrorNotice>}
      <p id={ids.rule} className="muted small">
        {t.deadlineRule}
      </p>
      <div className="dialog-buttons">
        <button type="button" onClick={close} disabled={busy || exporting}>
          {t.closeDetail}
        </button>
      </div>
    </Modal>
  );
}
