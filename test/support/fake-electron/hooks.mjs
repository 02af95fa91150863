// Module hooks (run by register.mjs): `electron` resolves to the stand-in.
const fakeUrl = new URL('./fake.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: fakeUrl, shortCircuit: true };
  // A slow disk or a busy machine: electron-updater still loading when the agent quits.
  const delayMs = Number(process.env.FAKE_ELECTRON_UPDATER_DELAY_MS ?? 0);
  if (specifier === 'electron-updater' && delayMs > 0) {
    await new Promise((done) => setTimeout(done, delayMs));
  }
  return next(specifier, context);
}
