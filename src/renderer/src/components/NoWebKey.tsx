/** A web-door tab with no key: how to open the desk, in place of a sign-in that cannot work. */
import { doorMessages } from '../../../shared/messages';

export function NoWebKey() {
  return (
    <main className="page">
      <h1>Mesa de Ayuda</h1>
      <p className="notice notice-warn" role="alert">
        {doorMessages.noToken}
      </p>
    </main>
  );
}
