import { useCallback, useEffect, useRef, useState } from 'react';
import type { DashboardPanel, DashboardRange } from '../../../shared/contract';
import { formatDay, formatDuration, formatNumber, formatTime } from '../../../shared/format';
import {
  actionLabels,
  causeShortLabels,
  dashboardMessages as t,
  interactionOutcomeLabels,
  interactionReasonLabels,
  interactionNoun,
} from '../../../shared/messages';
import { ApiError, call } from '../api/client';
import { ChartCard, type ChartRow } from './ChartCard';
import { useSession, type View } from '../session-store';
import { focusSyncReview, focusViewHeading } from '../components/focus-view';
import { CHART_COLORS, HorizontalBars, HourColumns } from './charts';

const RANGES: DashboardRange[] = ['today', '7d', '30d'];

/** Each outcome its own colour, in the desk's meaning: green solved, red not, amber in between. */
const OUTCOME_COLORS: Record<string, string> = {
  resolved: CHART_COLORS.ok,
  escalated: CHART_COLORS.warn,
  unresolved: CHART_COLORS.danger,
  callback: CHART_COLORS.violet,
  open: CHART_COLORS.muted,
};

const label = (labels: Record<string, string>, key: string) => labels[key] ?? key;

/** Audit events by kind, as chart rows named by the audit's own labels. */
const actionRows = (rows: DashboardPanel['actionsByKind']): ChartRow[] =>
  rows.map((row) => ({
    key: row.action,
    label: label(actionLabels, row.action),
    value: row.count,
  }));

const totalOf = (rows: ChartRow[]) => rows.reduce((sum, row) => sum + row.value, 0);

type Load =
  | { state: 'loading'; panel: DashboardPanel | null }
  | { state: 'ready'; panel: DashboardPanel }
  | { state: 'failed'; panel: null; message: string };

/**
 * The supervisor's Panel: how the line is doing today, this week or this month, as charts
 * whose numbers are also tables. The period is a radio group: ← → move between them.
 */
export function DashboardView() {
  const [range, setRange] = useState<DashboardRange>('today');
  const [load, setLoad] = useState<Load>({ state: 'loading', panel: null });
  const asked = useRef(0);
  /** The supervisor chose or refreshed a period (the first load is the screen's own). */
  const [chosen, setChosen] = useState(false);

  /** Asks for a period's charts; the answer to an older question is dropped. */
  const fetchPanel = useCallback(async (next: DashboardRange) => {
    const seq = ++asked.current;
    try {
      const panel = await call('dashboard.panel', { range: next });
      if (seq === asked.current) setLoad({ state: 'ready', panel });
    } catch (failure) {
      if (seq !== asked.current) return;
      const message = failure instanceof ApiError ? failure.message : t.failed;
      setLoad({ state: 'failed', panel: null, message });
    }
  }, []);

  useEffect(() => {
    // The first period, as the screen opens (a later one is asked for by `reload`).
    const seq = ++asked.current;
    call('dashboard.panel', { range: 'today' })
      .then((panel) => {
        if (seq === asked.current) setLoad({ state: 'ready', panel });
      })
      .catch((failure: unknown) => {
        if (seq !== asked.current) return;
        const message = failure instanceof ApiError ? failure.message : t.failed;
        setLoad({ state: 'failed', panel: null, message });
      });
  }, []);

  const reload = (next: DashboardRange) => {
    setChosen(true);
    setRange(next);
    setLoad((current) => ({ state: 'loading', panel: current.panel }));
    void fetchPanel(next);
  };

  // A failure leaves no charts on screen pretending to be current, and a period being loaded
  // shows no charts of another period (only of the same one, while it refreshes).
  const panel = load.panel && load.panel.range === range ? load.panel : null;
  // A period chosen (or refreshed) by the supervisor is said once loaded: the charts below
  // changed without the focus moving. The first load, as the screen opens, is not.
  const announced =
    load.state === 'ready' && panel && chosen
      ? t.loaded(
          t.ranges[range],
          t.period(formatDay(panel.firstDay), formatDay(panel.lastDay)),
          t.calls(panel.calls, panel.visits),
        )
      : '';

  return (
    <section className="page dashboard" aria-labelledby="dashboard-title">
      <div className="dashboard-head">
        <h1 tabIndex={-1} id="dashboard-title">
          {t.title}
        </h1>
        <fieldset className="segmented">
          <legend className="visually-hidden">{t.range}</legend>
          {RANGES.map((value) => (
            <label key={value} className={value === range ? 'segment checked' : 'segment'}>
              <input
                type="radio"
                name="dashboard-range"
                value={value}
                checked={value === range}
                onChange={() => reload(value)}
              />
              {t.ranges[value]}
            </label>
          ))}
        </fieldset>
        <span className="muted dashboard-hint">{t.rangeHint}</span>
        <button type="button" onClick={() => reload(range)}>
          {t.refresh}
        </button>
      </div>
      <p role="status" className="visually-hidden">
        {announced}
      </p>
      {load.state === 'loading' && (
        <div className="progress" role="progressbar" aria-label={t.loading} />
      )}
      {load.state === 'failed' && (
        <div role="alert" className="notice notice-danger dashboard-error">
          {load.message}{' '}
          <button type="button" onClick={() => reload(range)}>
            {t.retry}
          </button>
        </div>
      )}
      {panel === null ? (
        load.state === 'loading' && <p className="muted">{t.loading}</p>
      ) : (
        <Charts panel={panel} busy={load.state === 'loading'} />
      )}
    </section>
  );
}

function Charts({ panel, busy }: { panel: DashboardPanel; busy: boolean }) {
  const noCalls = panel.calls === 0 ? t.noCalls : null;
  const calls = t.calls(panel.calls, panel.visits);
  const noun = interactionNoun(panel.calls, panel.visits);
  const byReason = t.charts.byReason(noun);
  const byHour = t.charts.byHour(noun);
  const byOutcome = t.charts.outcomes(noun);
  const reasons: ChartRow[] = panel.callsByReason.map((row) => ({
    key: row.reason,
    label: label(interactionReasonLabels, row.reason),
    value: row.count,
  }));
  const hours: ChartRow[] = panel.callsByHour.map((value, hour) => ({
    key: String(hour),
    label: t.hourRange(hour),
    value,
  }));
  const outcomes: ChartRow[] = panel.outcomes.map((row) => ({
    key: row.outcome ?? 'open',
    label: row.outcome === null ? t.open : label(interactionOutcomeLabels, row.outcome),
    value: row.count,
  }));
  const actions = actionRows(panel.actionsByKind);
  const actionTotal = totalOf(actions);
  const bulkApart = t.bulkApart(panel.bulkLoads);
  const supervision = actionRows(panel.supervisionByKind);
  const supervisionTotal = totalOf(supervision);
  const agents: ChartRow[] = panel.actionsByAgent.map((row) => ({
    key: row.agentId,
    label: row.agentName ?? t.unknownAgent,
    value: row.count,
  }));
  const causes: ChartRow[] = panel.diagnosisCauses.map((row) => ({
    key: row.code,
    label: label(causeShortLabels, row.code),
    value: row.persons,
  }));

  return (
    <div aria-busy={busy}>
      <p className="muted dashboard-period">
        {t.period(formatDay(panel.firstDay), formatDay(panel.lastDay))} · {calls} ·{' '}
        {t.updated(formatTime(panel.generatedAt))}
      </p>
      <p className="muted small">{t.scope}</p>
      <div className="chart-grid">
        <ChartCard
          name="by-reason"
          title={byReason.title}
          keyHeader={byReason.key}
          valueHeader={byReason.value}
          rows={reasons}
          total={calls}
          empty={noCalls}
        >
          {(width) => <HorizontalBars rows={reasons} width={width} />}
        </ChartCard>
        <ChartCard
          name="by-hour"
          title={byHour.title}
          keyHeader={byHour.key}
          valueHeader={byHour.value}
          rows={hours}
          total={calls}
          empty={noCalls}
        >
          {(width) => <HourColumns hours={panel.callsByHour} width={width} />}
        </ChartCard>
        <ChartCard
          name="outcomes"
          title={byOutcome.title}
          keyHeader={byOutcome.key}
          valueHeader={byOutcome.value}
          rows={outcomes}
          total={calls}
          empty={noCalls}
        >
          {(width) => <HorizontalBars rows={outcomes} width={width} colors={OUTCOME_COLORS} />}
        </ChartCard>
        <SyncQueue panel={panel} />
        <DataRequestDeadlines panel={panel} />
        <ChartCard
          name="actions-by-kind"
          title={t.charts.actionsByKind.title}
          keyHeader={t.charts.actionsByKind.key}
          valueHeader={t.charts.actionsByKind.value}
          rows={actions}
          total={t.actions(actionTotal)}
          empty={actionTotal === 0 ? t.noActions : null}
          note={bulkApart === null ? t.actionsNote : `${t.actionsNote} ${bulkApart}`}
        >
          {(width) => <HorizontalBars rows={actions} width={width} />}
        </ChartCard>
        <ChartCard
          name="actions-by-agent"
          title={t.charts.actionsByAgent.title}
          keyHeader={t.charts.actionsByAgent.key}
          valueHeader={t.charts.actionsByAgent.value}
          rows={agents}
          total={t.actions(actionTotal)}
          empty={actionTotal === 0 ? t.noActions : null}
          note={bulkApart ?? undefined}
        >
          {(width) => <HorizontalBars rows={agents} width={width} color={CHART_COLORS.violet} />}
        </ChartCard>
        <ChartCard
          name="supervision"
          title={t.charts.supervision.title}
          keyHeader={t.charts.supervision.key}
          valueHeader={t.charts.supervision.value}
          rows={supervision}
          total={t.events(supervisionTotal)}
          empty={supervisionTotal === 0 ? t.noSupervision : null}
          note={t.supervisionNote}
        >
          {(width) => (
            <HorizontalBars rows={supervision} width={width} color={CHART_COLORS.muted} />
          )}
        </ChartCard>
        <ChartCard
          name="causes"
          title={t.charts.causes.title}
          keyHeader={t.charts.causes.key}
          valueHeader={t.charts.causes.value}
          rows={causes}
          total={
            panel.diagnosisCauseCount > causes.length
              ? t.causesShown(panel.diagnosisCauseCount, causes.length)
              : t.causes(causes.length)
          }
          empty={causes.length === 0 ? t.noCauses : null}
          note={t.causesNote}
          wide
        >
          {(width) => <HorizontalBars rows={causes} width={width} color={CHART_COLORS.warn} />}
        </ChartCard>
      </div>
    </div>
  );
}

/** Deadline colours: overdue is a breach, due soon a warning, the rest in time. */
const DEADLINE_COLORS: Record<string, string> = {
  overdue: CHART_COLORS.danger,
  dueSoon: CHART_COLORS.warn,
  later: CHART_COLORS.ok,
};

/**
 * Another tab, its heading taking the focus: where the Panel's numbers are listed (in
 * Sincronización, «Por revisar» when something is to review).
 */
function goToView(view: View, toReview = false): void {
  useSession.getState().show(view);
  if (toReview) focusSyncReview();
  else focusViewHeading();
}

/** Open Ley 21.719 requests by legal deadline, as they are now (issue 10). */
function DataRequestDeadlines({ panel }: { panel: DashboardPanel }) {
  const d = panel.dataRequests;
  const rows: ChartRow[] = [
    { key: 'overdue', label: t.dataRequests.overdue, value: d.overdue },
    { key: 'dueSoon', label: t.dataRequests.dueSoon(d.soonBusinessDays), value: d.dueSoon },
    { key: 'later', label: t.dataRequests.later, value: d.later },
  ];
  const open = d.overdue + d.dueSoon + d.later;
  return (
    <ChartCard
      name="data-requests"
      title={t.charts.dataRequests.title}
      keyHeader={t.charts.dataRequests.key}
      valueHeader={t.charts.dataRequests.value}
      rows={rows}
      total={t.dataRequests.total(open)}
      summary={t.dataRequests.summary(d)}
      empty={open === 0 ? t.dataRequests.none : null}
      alert={d.blocksAfterClose > 0 ? t.dataRequests.blocksAfterClose(d.blocksAfterClose) : null}
      note={t.dataRequests.note}
      goTo={open > 0 ? { label: t.dataRequests.go, go: () => goToView('dataRequests') } : undefined}
    >
      {(width) => <HorizontalBars rows={rows} width={width} colors={DEADLINE_COLORS} />}
    </ChartCard>
  );
}

/**
 * The outbox as it is now: three numbers and how long the oldest pending action has waited.
 * Tiles rather than bars: three counts are read, not compared.
 */
function SyncQueue({ panel }: { panel: DashboardPanel }) {
  const q = panel.syncQueue;
  const rows: ChartRow[] = [
    { key: 'pending', label: t.sync.pending, value: q.pending },
    { key: 'conflicts', label: t.sync.conflicts, value: q.conflicts },
    { key: 'rejected', label: t.sync.rejected, value: q.rejected },
    { key: 'mails-withheld', label: t.sync.mailsWithheld, value: q.mailsWithheld },
  ];
  const toReview = q.conflicts + q.rejected + q.mailsWithheld;
  const waited =
    q.oldestPendingAt === null
      ? null
      : Math.max(0, (Date.parse(panel.generatedAt) - Date.parse(q.oldestPendingAt)) / 60_000);
  // With nothing pending, the total says so already.
  const oldest = waited === null ? '' : ` ${t.sync.oldest(formatDuration(waited))}`;
  return (
    <ChartCard
      name="sync"
      title={t.charts.sync.title}
      keyHeader={t.charts.sync.key}
      valueHeader={t.charts.sync.value}
      rows={rows}
      total=""
      summary={`${t.sync.total(q.pending, toReview, q.othersPending)}.${oldest}`}
      empty={null}
      note={t.sync.note}
      goTo={
        q.pending + toReview > 0
          ? { label: t.sync.go(toReview > 0), go: () => goToView('sync', toReview > 0) }
          : undefined
      }
    >
      {() => (
        <div className="sync-tiles">
          {rows.map((row) => (
            <div key={row.key} className={`sync-tile ${row.key}`}>
              <span className="sync-count">{formatNumber(row.value)}</span>
              <span className="sync-label">{row.label}</span>
            </div>
          ))}
        </div>
      )}
    </ChartCard>
  );
}
