/**
 * Where a desk may send its agents' passwords: HTTPS anywhere, plain HTTP only to this machine
 * (the reference server, tests). Checked by main before it is stored, and by the Sincronización
 * screen beside the field once the agent leaves it or saves, with what is wrong in words.
 */

/** What is wrong with an address, or null when it may be used. */
export type CentralUrlProblem = 'no_scheme' | 'not_a_url' | 'credentials' | 'not_https';

export function centralUrlProblem(text: string): CentralUrlProblem | null {
  // «central.ejemplo.cl», «localhost:8080»: the address, without how to reach it (the second
  // would parse with «localhost» as its scheme).
  if (!text.includes('://') && URL.canParse(`https://${text}`)) return 'no_scheme';
  let url: URL;
  try {
    // A port out of range (http://127.0.0.1:99999), spaces: not an address.
    url = new URL(text);
  } catch {
    return 'not_a_url';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'not_a_url';
  if (url.username || url.password) return 'credentials';
  if (url.protocol === 'https:') return null;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) ? null : 'not_https';
}
