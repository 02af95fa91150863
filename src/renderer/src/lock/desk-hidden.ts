/**
 * Whether the desk is behind the lock screen (LockGate sets it): its global shortcuts (Esc,
 * Ctrl+K, F1) then do nothing, and the keys are the lock screen's.
 */
let hidden = false;

export const deskHidden = (): boolean => hidden;

export function setDeskHidden(value: boolean): void {
  hidden = value;
}
