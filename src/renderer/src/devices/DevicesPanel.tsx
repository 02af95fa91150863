/**
 * The devices enrolled with the central API, for a supervisor on the Sincronización screen
 * (issue 11, device trust): who enrolled each, who holds a session on it, when it was last heard
 * from; and a way to revoke a lost, stolen or retired one — a dialog that says what that does,
 * asks the reason (kept in the audit) and confirms. Asked of the central API each time: online
 * only, and said so when it cannot answer.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { DeviceList } from '../../../shared/contract';
import { formatDateTime, formatTime } from '../../../shared/format';
import { deviceListMessages as t } from '../../../shared/messages';
import { ApiError, call } from '../api/client';
import { Modal } from '../components/Modal';
import { useSession } from '../session-store';

type Device = DeviceList['devices'][number];

/** The first block of the id: enough to tell devices apart on one screen, and to say aloud. */
export const shortDeviceId = (deviceId: string) => deviceId.slice(0, 8);

export function DevicesPanel() {
  const notify = useSession((s) => s.notify);
  const [list, setList] = useState<DeviceList | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Asked as the screen opens, and again on «Actualizar».
  const [loading, setLoading] = useState(true);
  const [asking, setAsking] = useState<Device | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const hintId = useId();

  const fetchList = useCallback(
    () =>
      call('devices.list', {})
        .then(setList)
        .catch((failure: unknown) =>
          setError(failure instanceof ApiError ? failure.message : t.failed),
        )
        .finally(() => setLoading(false)),
    [],
  );
  useEffect(() => {
    void fetchList();
  }, [fetchList]);
  const reload = () => {
    setLoading(true);
    setError(null);
    void fetchList();
  };

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
      {error && (
        <p role="alert" className="notice notice-danger">
          {error}
        </p>
      )}
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
                <th scope="row" className="nowrap">
                  <code>{shortDeviceId(device.deviceId)}</code>
                  {device.thisDevice && <span> ({t.thisDevice})</span>}
                </th>
                <td>
                  <span className="nowrap">{formatDateTime(device.enrolledAt)}</span>
                  {device.enrolledBy && <> {t.enrolledBy(device.enrolledBy)}</>}
                </td>
                <td>
                  {device.signedIn.length === 0 ? t.nobodySignedIn : device.signedIn.join(', ')}
                </td>
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
                    </>
                  ) : (
                    <span className="nowrap">{t.active}</span>
                  )}
                </td>
                <td>
                  {!device.revokedAt && (
                    <button
                      type="button"
                      disabled={device.thisDevice}
                      aria-label={t.revokeLabel(shortDeviceId(device.deviceId))}
                      aria-describedby={device.thisDevice ? hintId : undefined}
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
      {list?.devices.some((device) => device.thisDevice && !device.revokedAt) && (
        <p id={hintId} className="muted small">
          {t.thisOneHint}
        </p>
      )}
      {asking && (
        <RevokeDialog
          device={asking}
          close={() => setAsking(null)}
          done={(next) => {
            setAsking(null);
            setList(next);
            notify(t.done(shortDeviceId(asking.deviceId)));
            // The row's button is gone: the focus goes to the list's heading, not the page.
            requestAnimationFrame(() => headingRef.current?.focus());
          }}
        />
      )}
    </section>
  );
}

function RevokeDialog({
  device,
  close,
  done,
}: {
  device: Device;
  close: () => void;
  done: (list: DeviceList) => void;
}) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const reasonId = useId();
  const hintId = useId();
  const stableClose = useCallback(() => close(), [close]);
  const name = shortDeviceId(device.deviceId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      done(await call('devices.revoke', { deviceId: device.deviceId, reason }));
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t.failed);
      setBusy(false);
    }
  };

  return (
    <Modal titleId={titleId} busy={busy} close={stableClose}>
      <form onSubmit={(event) => void submit(event)}>
        <h2 id={titleId}>{t.revokeTitle(name)}</h2>
        <p>{t.revokeExplain(device.signedIn)}</p>
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
          <button type="submit" className="danger" disabled={busy || reason.trim() === ''}>
            {busy ? t.revoking : t.confirm}
          </button>
        </div>
      </form>
    </Modal>
  );
}
