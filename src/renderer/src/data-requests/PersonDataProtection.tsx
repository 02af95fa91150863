import type { PersonRecord } from '../../../shared/contract';
import { formatDateTime, formatDay } from '../../../shared/format';
import {
  dataRequestLabels as labels,
  dataRequestMessages as t,
  deniedMessages,
  diagnosisMessages,
} from '../../../shared/messages';
import { GuardedButton } from '../components/GuardedButton';
import { useSession } from '../session-store';
import { DeadlineCell } from './DataRequestsView';
import { RecordRequestDialog } from './RecordRequestDialog';
import { RequestDetailDialog } from './RequestDetailDialog';
import { useDataRequests } from './data-request-store';

/** The banner a blocked person's record opens with (Ley 21.719, art. 11). */
export function DataBlockBanner({ record }: { record: PersonRecord }) {
  const block = record.dataProtection.block;
  if (!block) return null;
  return (
    <section className="notice notice-danger data-block" role="alert" aria-label={t.tab}>
      <strong>{t.banner(block.requestNumber, formatDateTime(block.since))}</strong>
      <p>
        <span className="say-label">{diagnosisMessages.sayLabel}</span>{' '}
        {t.bannerSay(block.requestNumber)}
      </p>
    </section>
  );
}

/** "Solicitudes Ley 21.719 de esta persona": the list, and the button to record one. */
export function PersonDataRequests({ record }: { record: PersonRecord }) {
  const startRecording = useDataRequests((s) => s.startRecording);
  const openDetail = useDataRequests((s) => s.openDetail);
  const role = useSession((s) => s.session?.role);
  if (role === 'prevention') return null;
  const can = record.dataProtection.can;
  return (
    <>
      <div className="section-head">
        <h2>{t.recordRequests}</h2>
        <GuardedButton
          reason={can.allowed ? null : deniedMessages[can.reason]}
          className="small-button"
          onClick={() => startRecording(record)}
        >
          {t.recordButton}
        </GuardedButton>
      </div>
      {record.dataProtection.othersOpen.length > 0 && (
        <>
          <p className="warn-text">{t.othersOpen(record.dataProtection.othersOpen.length)}</p>
          <ul className="calls">
            {record.dataProtection.othersOpen.map((other) => (
              <li key={other.number}>
                {t.otherOpenLine(
                  other.number,
                  labels.rights[other.right],
                  labels.states[other.state],
                  formatDay(other.dueDate),
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {record.dataProtection.requests.length === 0 ? (
        <p className="muted">
          {role === 'supervisor' ? t.noRecordRequests : t.noOwnRecordRequests}
        </p>
      ) : (
        <ul className="calls">
          {record.dataProtection.requests.map((request) => (
            <li key={request.number}>
              <button
                type="button"
                className="link"
                aria-label={`${t.open} ${request.number}`}
                onClick={() => openDetail(request.number)}
              >
                {request.number}
              </button>{' '}
              · {labels.rights[request.right]} · {labels.states[request.state]} ·{' '}
              <DeadlineCell request={request} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The call bar's way in: a request for the person on screen. */
export function DataRequestCallButton({ record }: { record: PersonRecord | null }) {
  const startRecording = useDataRequests((s) => s.startRecording);
  const role = useSession((s) => s.session?.role);
  if (!record || role === 'prevention' || !record.dataProtection.can.allowed) return null;
  return (
    <button type="button" onClick={() => startRecording(record)}>
      {t.recordButton}
    </button>
  );
}

/** Whichever Ley 21.719 dialog is open. */
export function DataRequestDialogs() {
  const recording = useDataRequests((s) => s.recording);
  const detail = useDataRequests((s) => s.detail);
  if (recording) return <RecordRequestDialog key={recording.rut} person={recording} />;
  if (detail) return <RequestDetailDialog key={detail} number={detail} />;
  return null;
}
