/**
 * A desk in its own process, so a test can kill it with SIGKILL at a chosen point:
 *   sync-child.ts <dataDir> <centralUrl> act   → takes two actions, prints {"committed":…}, waits
 *   sync-child.ts <dataDir> <centralUrl> sync [crash-after-answer] → one sync cycle, prints status
 * `crash-after-answer` kills itself when the push answer arrives, before recording it.
 */
import { createCore } from '../../src/main/core';

const [dataDir, centralUrl, mode, crash] = process.argv.slice(2) as [
  string,
  string,
  string,
  string?,
];
const core = createCore({
  dataDir,
  door: 'web',
  version: '0.1.0',
  demoPersons: 0,
  centralUrl,
  autoSync: false,
  log: () => {},
  syncOptions: {
    onPushAnswered:
      crash === 'crash-after-answer' ? () => process.kill(process.pid, 'SIGKILL') : undefined,
  },
});
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- read as the contract shapes it
type Value = any;
const value = async (answer: unknown): Promise<Value> => {
  const envelope = (await answer) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!envelope.ok) throw new Error(envelope.error?.message);
  return envelope.value;
};

await value(core.dispatch('auth.signIn', { username: 'agente', password: 'agente600' }));
if (mode === 'act') {
  const pedro = await value(core.dispatch('persons.get', { rut: '12345678-5' }));
  const phone = await value(
    core.dispatch('contact.edit', {
      rut: '12345678-5',
      phone: '+56 9 8181 8181',
      reason: 'Prueba de caída',
      identityCheck: [],
      expectedVersion: pedro.version,
    }),
  );
  const mail = await value(
    core.dispatch('mails.resend', {
      rut: '18765432-7',
      portal: 'achs_gestion',
      kind: 'password_creation',
    }),
  );
  print({ committed: [phone.actionId, mail.actionId] });
  await new Promise(() => {});
} else {
  print({ status: await value(core.dispatch('sync.now', {})) });
  core.close();
}
