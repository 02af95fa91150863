/**
 * "Cargas masivas" (issue 8), for supervisors: load a company's file, see what each row would
 * do, apply it with a reason (progress bar, cancel), read and export the result per row, undo.
 */
import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type DragEvent,
  type ReactNode,
} from 'react';
import type {
  BulkBatch,
  BulkPreview,
  BulkPreviewRow,
  BulkReportRow,
} from '../../../shared/contract';
import { formatDateTime, formatNumber } from '../../../shared/format';
import { bulkMessages as m, columnTitles, dialogMessages } from '../../../shared/messages';
import {
  BULK_MAX_FILE_BYTES,
  looksLikeOtherCompanysFile,
  OUTCOME_FILTERS,
  readStateCell,
} from '../../../shared/rules/bulk-load';
import { readRutField } from '../../../shared/rut-field';
import { bulkRefusalText } from '../../../shared/bulk-refusal';
import { ApiError, call } from '../api/client';
import { useSession } from '../session-store';
import { displayRut } from '../components/display';
import { Modal } from '../components/Modal';
import { saveCsv } from '../components/save-file';
import { toBase64, useBulk } from './bulk-store';
import { LazyTable, type Column } from './LazyTable';
import { ErrorNotice } from '../components/ErrorNotice';
import { ConfirmButton, goToField } from '../components/ConfirmButton';
import { DialogFooter } from '../components/DialogFooter';
import { LengthLeft } from '../components/LengthLeft';
import { SettledAnnouncement } from '../components/SettledAnnouncement';
import { REASON_MAX } from '../../../shared/policy';
import { textPreview } from '../../../shared/text';

const problem = (error: unknown) => (error instanceof ApiError ? error.message : m.failed);

export function BulkLoadsView() {
  const screen = useBulk((s) => s.screen);
  return (
    <section className="page bulk" aria-labelledby="bulk-title">
      <h1 tabIndex={-1} id="bulk-title">
        {m.title}
      </h1>
      {screen.kind === 'home' && (
        <>
          <NewLoad />
          <History />
        </>
      )}
      {screen.kind === 'preview' && <PreviewPanel preview={screen.preview} />}
      {/* Its own state per batch: an undo opened from a load shows its rows, not the load's (walk 59b). */}
      {screen.kind === 'batch' && <BatchPanel key={screen.batchId} batchId={screen.batchId} />}
    </section>
  );
}

/**
 * A part's heading: focused as the part appears after a step (`focusHeading`), so keyboard and
 * screen-reader users carry on from there instead of from the top of the page.
 */
function StepHeading({ id, children }: { id: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const focus = useBulk((s) => s.focusHeading);
  const focused = useBulk((s) => s.headingFocused);
  useEffect(() => {
    if (!focus) return;
    ref.current?.focus();
    focused();
  }, [focus, focused]);
  return (
    <h2 id={id} ref={ref} tabIndex={-1}>
      {children}
    </h2>
  );
}

// ---- A new load ----

function NewLoad() {
  const companyRut = useBulk((s) => s.companyRut);
  const setCompanyRut = useBulk((s) => s.setCompanyRut);
  const show = useBulk((s) => s.show);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const ids = {
    company: useId(),
    companyNote: useId(),
    file: useId(),
    error: useId(),
    hint: useId(),
  };
  // Every form a caller dictates, the digits alone included (rut-field.ts), as other RUT fields.
  const rutField = readRutField(companyRut);
  const typedRut = rutField.ok ? rutField.rut : null;
  const found = useCompanyName(typedRut);

  const choose = (chosen: File | null) => {
    setError(null);
    if (chosen && chosen.size > BULK_MAX_FILE_BYTES) {
      // Refused here, before a 200 MB file is read or sent anywhere.
      setFile(null);
      setError(m.tooLargeHere(BULK_MAX_FILE_BYTES / 1024 / 1024));
      return;
    }
    setFile(chosen);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files[0] ?? null);
  };
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    // What is missing is said (the error notice) and its field takes the focus.
    if (!rutField.ok || typedRut === null) {
      setError(rutField.ok ? m.companyMissing : rutField.error);
      goToField(ids.company);
      return;
    }
    if (!file) {
      setError(m.fileMissing);
      goToField(ids.file);
      return;
    }
    setBusy(true);
    setError(null);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      // Saved again, moved or deleted since it was chosen: the browser holds a stale reference,
      // and only choosing it again reads it.
      setBusy(false);
      setFile(null);
      setError(m.fileChanged);
      goToField(ids.file);
      return;
    }
    try {
      const preview = await call('bulkLoads.preview', {
        companyRut: typedRut,
        fileName: file.name,
        contentBase64: toBase64(bytes),
      });
      show({ kind: 'preview', preview });
    } catch (failure) {
      setError(problem(failure));
      // The button pressed is disabled while busy, which sent the focus to the page: back to
      // the file field, beside the message (most refusals are about the file).
      goToField(ids.file);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="bulk-new">
      <StepHeading id="bulk-new">{m.newLoad}</StepHeading>
      <p className="muted">{m.intro}</p>
      <form className="bulk-form" onSubmit={submit} noValidate>
        <div className="field bulk-field">
          <label htmlFor={ids.company}>{m.company}</label>
          <input
            id={ids.company}
            value={companyRut}
            onChange={(event) => setCompanyRut(event.target.value)}
            placeholder={m.companyHint}
            autoComplete="off"
            aria-invalid={!rutField.ok || found?.company === null}
            aria-describedby={
              [ids.companyNote, error ? ids.error : null].filter(Boolean).join(' ') || undefined
            }
          />
          {/* What the RUT names, or what is wrong with it, shown as it is typed and said once the
              typing settles (each digit's «RUT inválido» is true of a half-typed RUT only). */}
          <span id={ids.companyNote}>
            {!rutField.ok ? (
              <span className="field-error">{rutField.error}</span>
            ) : found?.company === null ? (
              <span className="field-error">{m.companyNotHere(displayRut(found.rut))}</span>
            ) : found?.company ? (
              <span className="hint">{found.company}</span>
            ) : null}
          </span>
          <SettledAnnouncement
            text={
              !rutField.ok
                ? rutField.error
                : found?.company === null
                  ? m.companyNotHere(displayRut(found.rut))
                  : (found?.company ?? '')
            }
          />
        </div>
        <div
          className={dragging ? 'drop-zone dragging' : 'drop-zone'}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <span className="drop-title" aria-hidden="true">
            {m.file}
          </span>
          {/* The native control's own words are the browser's language: a Spanish label instead. */}
          <input
            id={ids.file}
            className="file-input"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(event) => {
              choose(event.target.files?.[0] ?? null);
              // Emptied, so choosing the same file again (saved anew) is a change too.
              event.target.value = '';
            }}
            aria-label={m.file}
            aria-describedby={ids.hint}
          />
          <label htmlFor={ids.file} className="file-button">
            {m.chooseFile}
          </label>
          <span id={ids.hint} className="muted small">
            {file ? file.name : m.noFile} · {m.drop}
          </span>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? m.reading : m.preview}
        </button>
      </form>
      {busy && <div className="progress" role="progressbar" aria-label={m.reading} />}
      {error && <ErrorNotice id={ids.error}>{error}</ErrorNotice>}
    </section>
  );
}

/**
 * The name of the company a valid RUT names on this desk, asked once typing pauses: `company`
 * null when none is here, and nothing at all until the answer for this RUT has come.
 */
function useCompanyName(rut: string | null): { rut: string; company: string | null } | null {
  const [found, setFound] = useState<{ rut: string; company: string | null } | null>(null);
  useEffect(() => {
    if (rut === null) return;
    let current = true;
    const timer = setTimeout(() => {
      call('bulkLoads.company', { companyRut: rut }).then(
        (answer) => current && setFound({ rut, company: answer?.companyName ?? null }),
        () => current && setFound(null),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [rut]);
  return found && found.rut === rut ? found : null;
}

// ---- Preview ----

// The preview's filters, in the rules' order (a change row counts under each effect it has).
const FILTERS = OUTCOME_FILTERS;
const IRREVERSIBLE = ['cannot_restore_email', 'cannot_restore_pause'] as const;

function outcomeText(row: BulkPreviewRow): string {
  switch (row.kind) {
    case 'change': {
      // A state the file asks for that the person already has: said, not silently left out.
      const asked = readStateCell(row.state);
      return m.change(
        row.emailChange,
        row.stateTo,
        asked === 'active' || asked === 'disabled' ? asked : null,
        row.irreversible,
      );
    }
    case 'nothing':
      return m.nothing;
    case 'duplicate':
      return m.duplicate(row.firstLine ?? 0);
    default:
      return bulkRefusalText(row.reason ?? '', row.rut, row.otherLine);
  }
}

/**
 * What a change does beyond its row (warnRows), after what it changes: in the preview, and in the
 * result once the change took effect.
 */
function RowWarningsText({
  row,
}: {
  row: Pick<BulkPreviewRow, 'lastAdmin' | 'sharedEmail' | 'otherAccess'>;
}) {
  const warnings = m.rowWarnings(row);
  return warnings.length > 0 ? <span className="warn-text"> · {warnings.join(' · ')}</span> : null;
}

/**
 * A file's cell as the table shows it: a huge one (a whole paragraph pasted in a column) cut to
 * its start with how long it is, so one row never stretches the table; the refusal says why.
 */
function FileCell({ text }: { text: string | null }) {
  if (!text) return <>—</>;
  const cut = textPreview(text, 1, FILE_CELL_CHARS);
  return cut === null ? <>{text}</> : <span title={text}>{m.cutCell(cut, text.length)}</span>;
}

const FILE_CELL_CHARS = 80;

const PREVIEW_COLUMNS: Column<BulkPreviewRow>[] = [
  { header: m.columns.line, width: '64px', cell: (row) => row.line },
  {
    header: m.columns.rut,
    width: '130px',
    cell: (row) => (
      <span className="rut">
        <FileCell text={row.rut} />
      </span>
    ),
  },
  {
    header: m.columns.email,
    width: 'minmax(160px, 1fr)',
    cell: (row) => <FileCell text={row.email} />,
  },
  { header: m.columns.state, width: '120px', cell: (row) => <FileCell text={row.state} /> },
  {
    header: m.columns.outcome,
    width: 'minmax(220px, 1.6fr)',
    cell: (row) => (
      <>
        <span className={row.kind === 'refused' ? 'danger-text' : undefined}>
          {outcomeText(row)}
        </span>
        <RowWarningsText row={row} />
      </>
    ),
  },
];

function PreviewPanel({ preview }: { preview: BulkPreview }) {
  const show = useBulk((s) => s.show);
  const [filter, setFilter] = useState<(typeof FILTERS)[number] | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonId = useId();
  const reasonSeenId = useId();
  const waitingId = useId();
  const waiting =
    preview.totals.changes === 0
      ? m.nothingToApply
      : reason.trim().length < 3
        ? dialogMessages.missing([dialogMessages.missingReason])
        : null;
  const total = filter === null ? preview.totals.rows : preview.totals[filter];

  const fetchPage = useCallback(
    async (offset: number, limit: number) =>
      (await call('bulkLoads.previewRows', { previewId: preview.previewId, filter, offset, limit }))
        .rows,
    [preview.previewId, filter],
  );
  const apply = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy || waiting !== null) return;
    setBusy(true);
    setError(null);
    try {
      const batch = await call('bulkLoads.apply', { previewId: preview.previewId, reason });
      show({ kind: 'batch', batchId: batch.batchId });
    } catch (failure) {
      setError(problem(failure));
      setBusy(false);
    }
  };
  const failed = async () => {
    try {
      saveCsv(await call('bulkLoads.failedRows', { previewId: preview.previewId }));
    } catch (failure) {
      setError(problem(failure));
    }
  };

  return (
    <section aria-labelledby="bulk-preview">
      <div className="section-head">
        <StepHeading id="bulk-preview">
          {m.summary(preview.totals.rows, preview.fileName, preview.companyName)}
        </StepHeading>
        <button type="button" className="small-button" onClick={() => show({ kind: 'home' })}>
          {m.back}
        </button>
      </div>
      <p className="muted">
        {displayRut(preview.companyRut)} · {m.readAs(preview.format, preview.encoding)}
      </p>
      <p
        className={
          preview.columns.state === null || preview.columns.email === null
            ? 'notice notice-warn'
            : 'muted'
        }
      >
        {m.columnsRead(preview.columns)}
      </p>
      {!preview.adherent && <p className="notice notice-warn">{m.notAdherent}</p>}
      {looksLikeOtherCompanysFile(preview.totals) && (
        <p className="notice notice-warn">
          {m.otherCompanysFile(preview.totals.strangers, preview.totals.rows, preview.companyName)}
        </p>
      )}
      <div className="bulk-totals" role="group" aria-label={m.filterLabel}>
        <button type="button" aria-pressed={filter === null} onClick={() => setFilter(null)}>
          {m.filters['all']} <strong>{formatNumber(preview.totals.rows)}</strong>
        </button>
        {FILTERS.map((key) => (
          <button
            key={key}
            type="button"
            aria-pressed={filter === key}
            className={
              key === 'refused' && preview.totals.refused > 0
                ? 'danger-outline'
                : key === 'warned' && preview.totals.warned > 0
                  ? 'warn-outline'
                  : undefined
            }
            onClick={() => setFilter(key)}
          >
            {m.filters[key]} <strong>{formatNumber(preview.totals[key])}</strong>
          </button>
        ))}
      </div>
      <LazyTable
        label={m.columns.outcome}
        columns={PREVIEW_COLUMNS}
        total={total}
        fetchPage={fetchPage}
        resetKey={`${preview.previewId}:${filter ?? 'all'}`}
      />
      {preview.totals.warnings.last_admin > 0 && (
        <p className="notice notice-warn">
          {m.warnings.last_admin(preview.totals.warnings.last_admin, preview.companyName)}
        </p>
      )}
      {preview.totals.warnings.shared_email > 0 && (
        <p className="notice notice-warn">
          {m.warnings.shared_email(preview.totals.warnings.shared_email)}
        </p>
      )}
      {preview.totals.warnings.other_access > 0 && (
        <p className="notice notice-warn">
          {m.warnings.other_access(preview.totals.warnings.other_access)}
        </p>
      )}
      {IRREVERSIBLE.filter((why) => preview.totals.irreversible[why] > 0).map((why) => (
        <p key={why} className="notice notice-warn">
          {m.irreversible[why](preview.totals.irreversible[why])}
        </p>
      ))}
      {preview.totals.refused > 0 && (
        <button type="button" className="bulk-download" onClick={() => void failed()}>
          {m.downloadFailed} ({formatNumber(preview.totals.refused)})
        </button>
      )}
      <form className="bulk-apply" onSubmit={apply} noValidate>
        <label htmlFor={reasonId}>{m.reason}</label>
        <textarea
          id={reasonId}
          rows={2}
          value={reason}
          maxLength={REASON_MAX}
          placeholder={m.reasonHint}
          aria-describedby={reasonSeenId}
          onChange={(event) => setReason(event.target.value)}
        />
        <LengthLeft value={reason} max={REASON_MAX} />
        <span id={reasonSeenId} className="hint">
          {dialogMessages.reasonSeen}
        </span>
        <ConfirmButton
          waiting={busy || waiting !== null}
          why={waiting}
          whyId={waitingId}
          goTo={preview.totals.changes === 0 ? null : reasonId}
        >
          {m.apply(preview.totals.changes)}
        </ConfirmButton>
        {/* Why it waits, as every other form says it. */}
        {waiting && (
          <p id={waitingId} className="muted small">
            {waiting}
          </p>
        )}
      </form>
      {error && <ErrorNotice>{error}</ErrorNotice>}
    </section>
  );
}

// ---- A batch: progress, result, undo ----

const REPORT_FILTERS = ['applied', 'refused', 'skipped', 'pending', 'conflict', 'warned'] as const;

const reportText = (row: BulkReportRow, kind: BulkBatch['kind']) =>
  [
    // A skipped row's reason says it all («Sin cambios: ya estaba así»), not «Sin cambios» twice.
    row.status === 'skipped' && row.code ? null : m.reportStatus(row.status, kind),
    row.code ? bulkRefusalText(row.code, row.rut, row.otherLine) : null,
    row.serverMessage,
  ]
    .filter(Boolean)
    .join(' — ');

function BatchPanel({ batchId }: { batchId: string }) {
  const show = useBulk((s) => s.show);
  const [batch, setBatch] = useState<BulkBatch | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [undoing, setUndoing] = useState(false);
  const [filter, setFilter] = useState<(typeof REPORT_FILTERS)[number] | null>(null);
  const [reportTotal, setReportTotal] = useState(0);
  const filterId = useId();
  const applying = batch?.state === 'applying' || batch?.state === 'preparing';

  // The rows' answers from the central API come with the sync status the header follows
  // (SyncIndicator asks for it): when it moves, a settled batch with rows still awaiting an
  // answer (or in conflict) is read again, and its rows in view with it.
  const syncMoved = useSession((s) =>
    s.sync ? `${s.sync.pending}:${s.sync.conflicts}:${s.sync.rejected}:${s.sync.lastSyncAt}` : null,
  );
  const awaiting =
    batch !== null &&
    !applying &&
    batch.sync.pending + batch.sync.conflict + batch.sync.rejected > 0;
  const [refreshKey, setRefreshKey] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (syncMoved === null || !awaiting) return;
    let current = true;
    call('bulkLoads.status', { batchId }).then(
      (next) => {
        if (!current) return;
        setBatch(next);
        setRefreshKey(syncMoved);
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, [syncMoved, awaiting, batchId]);

  // Polled while it applies; the chunks yield, so the desk answers between them.
  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await call('bulkLoads.status', { batchId });
        if (!current) return;
        setBatch(next);
        if (next.state === 'applying' || next.state === 'preparing')
          timer = setTimeout(() => void poll(), 400);
      } catch (failure) {
        if (current) setError(problem(failure));
      }
    };
    void poll();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [batchId]);

  const settledKey = batch && !applying ? `${batch.state}:${batch.done}:${filter ?? 'all'}` : null;
  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      const page = await call('bulkLoads.report', { batchId, filter, offset, limit });
      setReportTotal(page.total);
      return page.rows;
    },
    [batchId, filter],
  );
  useEffect(() => {
    if (!settledKey) return;
    void call('bulkLoads.report', { batchId, filter, offset: 0, limit: 1 }).then(
      (page) => setReportTotal(page.total),
      () => {},
    );
  }, [settledKey, refreshKey, batchId, filter]);

  const act = async (work: () => Promise<BulkBatch>) => {
    setError(null);
    try {
      setBatch(await work());
    } catch (failure) {
      setError(problem(failure));
    }
  };
  if (!batch) {
    return error ? (
      <ErrorNotice>{error}</ErrorNotice>
    ) : (
      <div className="progress" role="progressbar" aria-label={m.applying} />
    );
  }
  const percent = batch.planned === 0 ? 100 : Math.round((batch.done / batch.planned) * 100);
  const columns: Column<BulkReportRow>[] = [
    { header: m.columns.line, width: '64px', cell: (row) => row.line },
    {
      header: m.columns.rut,
      width: '130px',
      cell: (row) => <span className="rut">{row.rut}</span>,
    },
    {
      header: batch.kind === 'undo' ? m.columns.fileDataUndo : m.columns.fileData,
      width: 'minmax(160px, 1fr)',
      cell: (row) => row.cells.filter(Boolean).join(' · ') || '—',
    },
    {
      header: m.columns.result,
      width: 'minmax(240px, 1.6fr)',
      cell: (row) => (
        <>
          <span
            className={
              ['refused', 'conflict', 'rejected'].includes(row.status) ? 'danger-text' : undefined
            }
          >
            {reportText(row, batch.kind)}
          </span>
          <RowWarningsText row={row} />
        </>
      ),
    },
  ];

  return (
    <section aria-labelledby="bulk-batch">
      <div className="section-head">
        <StepHeading id="bulk-batch">
          {m.kinds[batch.kind]} · {batch.companyName} · «{batch.fileName}»
        </StepHeading>
        <button type="button" className="small-button" onClick={() => show({ kind: 'home' })}>
          {m.back}
        </button>
      </div>
      <p className="muted">
        {m.states[batch.state]} · {m.by(batch.agentName, formatDateTime(batch.createdAt))} ·{' '}
        {batch.reason}
      </p>
      <div className="bulk-progress">
        <div
          className="bar"
          role="progressbar"
          aria-label={m.progressLabel}
          aria-valuemin={0}
          aria-valuemax={batch.planned}
          aria-valuenow={batch.done}
          aria-valuetext={m.progress(batch.done, batch.planned)}
        >
          <span style={{ width: `${percent}%` }} />
        </div>
        <span aria-live="polite">{m.progress(batch.done, batch.planned)}</span>
        {applying && (
          <button
            type="button"
            disabled={cancelling}
            onClick={() => {
              setCancelling(true);
              void act(() => call('bulkLoads.cancel', { batchId }));
            }}
          >
            {cancelling ? m.cancelling : m.cancel}
          </button>
        )}
      </div>
      <p>{m.counts(batch.applied, batch.refused, batch.skipped)}</p>
      {batch.state === 'done' && batch.kind === 'load' && !batch.undoneBy && (
        <p className="notice" role="status">
          {m.doneNotice(batch.applied)}
        </p>
      )}
      {batch.state === 'done' && batch.kind === 'undo' && (
        <p className="notice" role="status">
          {batch.refused === 0 ? m.undoneAll : m.undoneNotice}
        </p>
      )}
      {batch.state === 'cancelled' && <p className="notice notice-warn">{m.cancelledNotice}</p>}
      {batch.undoneBy && (
        <p className="notice">
          {m.undoneBy}{' '}
          <button
            type="button"
            className="link"
            onClick={() => show({ kind: 'batch', batchId: batch.undoneBy! })}
          >
            {m.open}
          </button>
        </p>
      )}
      {batch.state === 'interrupted' && (
        <div className="notice notice-warn">
          <p>{m.interruptedNotice}</p>
          <button
            type="button"
            onClick={() => void act(() => call('bulkLoads.resume', { batchId }))}
          >
            {m.resume}
          </button>{' '}
          <button
            type="button"
            onClick={() => void act(() => call('bulkLoads.close', { batchId }))}
          >
            {m.close}
          </button>
        </div>
      )}
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {!applying && (
        <>
          <div className="section-head">
            <h3>{m.reportTitle}</h3>
            <label htmlFor={filterId}>{m.filterLabel}</label>
            <select
              id={filterId}
              value={filter ?? ''}
              onChange={(event) =>
                setFilter((event.target.value || null) as (typeof REPORT_FILTERS)[number] | null)
              }
            >
              <option value="">{m.reportFilters['all']}</option>
              {/* An undo restores: nothing of it was warned of. */}
              {REPORT_FILTERS.filter((key) => key !== 'warned' || batch.kind === 'load').map(
                (key) => (
                  <option key={key} value={key}>
                    {m.reportFilters[key]}
                  </option>
                ),
              )}
            </select>
            <button
              type="button"
              onClick={() =>
                void call('bulkLoads.exportReport', { batchId }).then(saveCsv, (failure: unknown) =>
                  setError(problem(failure)),
                )
              }
            >
              {m.exportReport}
            </button>
            {batch.canUndo && (
              <button type="button" onClick={() => setUndoing(true)}>
                {m.undo}
              </button>
            )}
          </div>
          <LazyTable
            label={m.reportTitle}
            columns={columns}
            total={reportTotal}
            fetchPage={fetchPage}
            resetKey={settledKey ?? ''}
            refreshKey={refreshKey}
          />
        </>
      )}
      {undoing && (
        <UndoDialog
          batch={batch}
          close={() => setUndoing(false)}
          done={(undo) => {
            setUndoing(false);
            show({ kind: 'batch', batchId: undo.batchId });
          }}
        />
      )}
    </section>
  );
}

function UndoDialog({
  batch,
  close,
  done,
}: {
  batch: BulkBatch;
  close: () => void;
  done: (undo: BulkBatch) => void;
}) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { title: useId(), reason: useId() };
  const reasonShort = reason.trim().length < 3;
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy || reasonShort) return;
    setBusy(true);
    setError(null);
    try {
      done(await call('bulkLoads.undo', { batchId: batch.batchId, reason }));
    } catch (failure) {
      setError(problem(failure));
      setBusy(false);
    }
  };
  return (
    <Modal titleId={ids.title} busy={busy} close={close}>
      <form onSubmit={submit}>
        <h2 id={ids.title}>{m.undoTitle}</h2>
        <p className="muted">{m.undoExplain}</p>
        <p>
          {batch.companyName} · «{batch.fileName}» ·{' '}
          {m.counts(batch.applied, batch.refused, batch.skipped)}
        </p>
        <label htmlFor={ids.reason} className="block-label">
          {m.undoReason}
        </label>
        <textarea
          id={ids.reason}
          className="block-field"
          rows={2}
          value={reason}
          maxLength={REASON_MAX}
          onChange={(event) => setReason(event.target.value)}
        />
        <LengthLeft value={reason} max={REASON_MAX} />
        {error && <ErrorNotice>{error}</ErrorNotice>}
        <DialogFooter
          cancel={dialogMessages.cancel}
          onCancel={close}
          cancelDisabled={busy}
          submit={m.undoConfirm}
          submitDisabled={busy || reasonShort}
          missing={reasonShort ? dialogMessages.missing([dialogMessages.missingReason]) : null}
          goTo={ids.reason}
        />
      </form>
    </Modal>
  );
}

// ---- Earlier batches ----

function History() {
  const show = useBulk((s) => s.show);
  const [batches, setBatches] = useState<BulkBatch[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    call('bulkLoads.list', {}).then(
      (list) => current && setBatches(list),
      (failure: unknown) => current && setError(problem(failure)),
    );
    return () => {
      current = false;
    };
  }, []);
  return (
    <section aria-labelledby="bulk-history">
      <h2 id="bulk-history">{m.history}</h2>
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {batches && batches.length === 0 && <p className="muted">{m.historyEmpty}</p>}
      {batches && batches.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{columnTitles.date}</th>
              <th scope="col">{columnTitles.company}</th>
              <th scope="col">{columnTitles.file}</th>
              <th scope="col">{columnTitles.state}</th>
              <th scope="col">{columnTitles.rows}</th>
              <th scope="col">
                <span className="visually-hidden">Acciones</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {batches.map((batch) => (
              <tr key={batch.batchId}>
                <td className="nowrap">{formatDateTime(batch.createdAt)}</td>
                <td>
                  {batch.companyName}
                  <span className="rut small"> {displayRut(batch.companyRut)}</span>
                </td>
                <td>
                  {m.kinds[batch.kind]} · {batch.fileName}
                </td>
                <td className={batch.state === 'interrupted' ? 'warn-text' : undefined}>
                  {m.states[batch.state]}
                  {batch.undoneBy ? ` · ${m.undoneBy}` : ''}
                </td>
                <td>{m.counts(batch.applied, batch.refused, batch.skipped)}</td>
                <td>
                  <button
                    type="button"
                    className="small-button"
                    // A load and its reversal share file and minute: the kind tells them apart.
                    aria-label={`${m.open}: ${m.kinds[batch.kind]} · ${batch.fileName}, ${formatDateTime(batch.createdAt)}`}
                    onClick={() => show({ kind: 'batch', batchId: batch.batchId })}
                  >
                    {m.open}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
