// Module hooks (run by register.mjs): `electron` resolves to the stand-in.
const fakeUrl = new URL('./fake.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: fakeUrl, shortCircuit: true };
  return next(specifier, context);
}
