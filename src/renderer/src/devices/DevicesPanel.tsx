/**
 * The devices enrolled with the central API, for a supervisor on the Sincronización screen
 * (issue 11, device trust): who enrolled each, who holds a live session on it, when it was last
 * heard from; and a way to revoke a lost, stolen or retired one — a dialog that says what that
 * does, asks the reason (kept in the audit) and confirms. Asked of the central API each time:
 * online only, and said so when it cannot answer.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeviceList } from '../../../shared/contract';
import { formatDateTime, formatTime } from '../../../shared/format';
import { shortDeviceId } from '../../../shared/ids';
import { deviceListMessages as t } from '../../../shared/messages';
import { MIN_ADMIN_REASON } from '../../../shared/policy';
import { call } from '../api/client';
import { useAnswer } from '../api/use-answer';
import { ReasonDialog } from '../components/ReasonDialog';
import { useSession } from '../session-store';
import { ErrorNotice } from '../components/ErrorNotice';

type Device = DeviceList['devices'][number];

export function DevicesPanel() {
  const notify = useSession((s) => s.notify);
  const ask = useCallback(() => call('devices.list', {}), []);
  const { value: list, error, loading, reload } = useAnswer(ask, t.failed);
  const [asking, setAsking] = useState<Device | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Back online, the list is asked again by itself: an answer given offline does not linger.
  const online = useSession((s) => s.sync?.online === true);
  const wasOnline = useRef(online);
  useEffect(() => {
    if (online && !wasOnline.current) reload();
    wasOnline.current = online;
  }, [online, reload]);

  return (
    <section aria-labelledby="devices-title" aria-busy={loading}>
      <h2 id="devices-title" ref={headingRef} tabIndex={-1}>
        {t.title}
      </h2>
      <p className="muted small">{t.intro}</p>
      <div className="filters">
        <button type="button" onClick={reload} disabled={loading}>
          {loading ? t.loading : t.reload}
        </button>
        {list && !loading && <span className="muted small">{t.asOf(formatTime(list.at))}</span>}
      </div>
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {list && list.devices.length === 0 && <p className="muted">{t.none}</p>}
      {list && list.devices.length > 0 && (
        <table className="devices-list" aria-labelledby="devices-title">
          <thead>
            <tr>
              <th scope="col">{t.columns.device}</th>
              <th scope="col">{t.columns.enrolled}</th>
              <th scope="col">{t.columns.signedIn}</th>
              <th scope="col">{t.columns.lastContact}</th>
              <th scope="col">{t.columns.state}</th>
              <th scope="col">
                <span className="visually-hidden">{t.revoke}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.devices.map((device) => (
              <tr key={device.deviceId} className={device.revokedAt ? 'muted' : undefined}>
                <th scope="row">
                  {device.name && <span className="device-name">{device.name} </span>}
                  <code className="nowrap">{shortDeviceId(device.deviceId)}</code>
                  {device.thisDevice && <span> ({t.thisDevice})</span>}
                  {device.formerDeviceId && (
                    <div className="small device-link">
                      {t.formerly(shortDeviceId(device.formerDeviceId))}
                    </div>
                  )}
                  {device.nextDeviceId && (
                    <div className="small device-link">
                      {t.nowAs(shortDeviceId(device.nextDeviceId))}
                    </div>
                  )}
                </th>
                <td>
                  <span className="nowrap">{formatDateTime(device.enrolledAt)}</span>
                  {device.enrolledBy && <> {t.enrolledBy(device.enrolledBy)}</>}
                </td>
                <td>{device.signedIn.length === 0 ? t.noSessions : device.signedIn.join(', ')}</td>
                <td className="nowrap">
                  {device.lastContactAt ? formatDateTime(device.lastContactAt) : t.never}
                </td>
                <td>
                  {device.revokedAt ? (
                    <>
                      {t.revoked(formatDateTime(device.revokedAt), device.revokedBy)}
                      {device.revokeReason && (
                        <div className="small">{t.revokedReason(device.revokeReason)}</div>
                      )}
                      {device.revocationToldAt ? (
                        <div className="small">
                          {t.revocationTold(formatDateTime(device.revocationToldAt))}
                        </div>
                      ) : (
                        // Revoked before the central kept it: whether it knows is not said.
                        device.revocationToldKnown && (
                          <div className="small">{t.revocationNotTold}</div>
                        )
                      )}
                    </>
                  ) : (
                    <span className="nowrap">{t.active}</span>
                  )}
                </td>
                <td>
                  {/* The desk in use is revoked from another one: said, not a dead button. */}
                  {!device.revokedAt && device.thisDevice && (
                    <span className="muted small">{t.thisOne}</span>
                  )}
                  {!device.revokedAt && !device.thisDevice && (
                    <button
                      type="button"
                      aria-label={t.revokeLabel(labelOf(device))}
                      onClick={() => setAsking(device)}
                    >
                      {t.revoke}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {asking && (
        <ReasonDialog
          title={t.revokeTitle(labelOf(asking))}
          explanation={t.revokeExplain(asking.signedIn)}
          reasonHint={t.reasonHint}
          minReason={MIN_ADMIN_REASON}
          confirmLabel={t.confirm}
          busyLabel={t.revoking}
          tone="danger"
          submit={async (reason, decisionId) => {
            await call('devices.revoke', { deviceId: asking.deviceId, reason, decisionId });
            setAsking(null);
            notify(t.done(labelOf(asking)));
            reload();
            // The row's button is gone: the focus goes to the list's heading, not the page.
            requestAnimationFrame(() => headingRef.current?.focus());
          }}
          close={() => setAsking(null)}
        />
      )}
    </section>
  );
}

/** A device as the list names it: its computer's name, and its short id. */
const labelOf = (device: { deviceId: string; name: string | null }) =>
  t.label(shortDeviceId(device.deviceId), device.name);
