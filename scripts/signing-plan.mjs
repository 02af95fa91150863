// Which code signing and notarisation `npm run dist` can do with the environment it has, and the
// line it prints for what it skips. electron-builder reads the variables itself; this only
// decides what to switch off so an unsigned build is a clear choice, not a failure.

const has = (env, ...names) => names.every((name) => Boolean(env[name]));

/**
 * @param {Record<string, string | undefined>} env
 * @param {'win' | 'mac' | 'linux'} target
 * @returns {{ sign: boolean, notarize: boolean, env: Record<string, string>, args: string[], lines: string[] }}
 */
export function signingPlan(env, target) {
  const plan = { sign: false, notarize: false, env: {}, args: [], lines: [] };
  if (target === 'linux') return plan;
  const certificate =
    target === 'win'
      ? has(env, 'WIN_CSC_LINK') || has(env, 'CSC_LINK')
      : has(env, 'CSC_LINK') || has(env, 'CSC_NAME');
  if (certificate) {
    plan.sign = true;
    plan.lines.push(`Code signing (${target}): on, with the certificate in the environment.`);
  } else {
    plan.env['CSC_IDENTITY_AUTO_DISCOVERY'] = 'false';
    plan.lines.push(
      target === 'win'
        ? 'Code signing (win): skipped, WIN_CSC_LINK or CSC_LINK (with CSC_KEY_PASSWORD) not set. The installer is unsigned: SmartScreen will warn whoever installs it.'
        : 'Code signing (mac): skipped, CSC_LINK (with CSC_KEY_PASSWORD) or CSC_NAME not set. The app is unsigned: Gatekeeper will refuse to open it without a right-click > Open.',
    );
  }
  if (target === 'mac') {
    const appleId = has(env, 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID');
    const apiKey = has(env, 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER');
    if (plan.sign && (appleId || apiKey)) {
      plan.notarize = true;
      plan.args.push('-c.mac.notarize=true');
      plan.lines.push(
        `Notarisation (mac): on, with ${apiKey ? 'an App Store Connect API key' : 'an Apple ID'}.`,
      );
    } else {
      plan.args.push('-c.mac.notarize=false');
      plan.lines.push(
        plan.sign
          ? 'Notarisation (mac): skipped, set APPLE_API_KEY, APPLE_API_KEY_ID and APPLE_API_ISSUER (or APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID).'
          : 'Notarisation (mac): skipped, an unsigned app cannot be notarised.',
      );
    }
  }
  return plan;
}

/** The platforms electron-builder will build for, from its command-line flags. */
export function targetsOf(args, platform) {
  const targets = [];
  if (args.some((arg) => ['--win', '-w', '--windows'].includes(arg))) targets.push('win');
  if (args.some((arg) => ['--mac', '-m', '--macos'].includes(arg))) targets.push('mac');
  if (args.some((arg) => ['--linux', '-l'].includes(arg))) targets.push('linux');
  if (targets.length > 0) return targets;
  return [platform === 'win32' ? 'win' : platform === 'darwin' ? 'mac' : 'linux'];
}
