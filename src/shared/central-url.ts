/**
 * Where a desk may send its agents' passwords: HTTPS anywhere, plain HTTP only to this machine
 * (the reference server, tests). Checked by main before it is stored, and by the Sincronización
 * screen beside the field as it is typed.
 */
export function isAcceptableCentralUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}
