/**
 * Semantic versions in semver precedence (a pre-release sorts before its release, its numeric
 * identifiers as numbers; build metadata is ignored; a leading «v» is allowed). The central API
 * checks `X-Client-Version` against the oldest it accepts; the desktop app, whether a downloaded
 * update is newer than itself.
 */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/;

type Parsed = { core: [number, number, number]; pre: string[] };

export function parseVersion(text: string): Parsed | null {
  const match = SEMVER.exec(text.trim().replace(/^v/, ''));
  if (!match) return null;
  return {
    core: [Number(match[1]), Number(match[2]), Number(match[3])],
    pre: match[4] ? match[4].split('.') : [],
  };
}

/** Negative when `a` precedes `b`, 0 when equal, positive otherwise; null if either is invalid. */
export function compareVersions(a: string, b: string): number | null {
  const left = parseVersion(a);
  const right = parseVersion(b);
  if (!left || !right) return null;
  for (let i = 0; i < 3; i++) {
    const diff = left.core[i]! - right.core[i]!;
    if (diff !== 0) return diff;
  }
  if (left.pre.length === 0 || right.pre.length === 0) {
    return (left.pre.length === 0 ? 1 : 0) - (right.pre.length === 0 ? 1 : 0);
  }
  for (let i = 0; i < Math.max(left.pre.length, right.pre.length); i++) {
    const x = left.pre[i];
    const y = right.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const xNumeric = /^\d+$/.test(x);
    const yNumeric = /^\d+$/.test(y);
    if (xNumeric && yNumeric) return Number(x) - Number(y);
    if (xNumeric !== yNumeric) return xNumeric ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}
