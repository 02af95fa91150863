/**
 * The short soak (issue 11): a desk process killed with SIGKILL at 30 random moments while it
 * works against the real central API through the fault proxy, the central restarted now and
 * then, mails to a real SMTP receiver. Nothing the desk acknowledged is lost, nothing is applied
 * or mailed twice, order holds per agent, the audit chain verifies and the replicas converge.
 * `npm run soak -- --kills 1000` is the long version (test/soak/cli.ts).
 */
import { describe, expect, it } from 'vitest';
import { runSoak } from '../soak/soak';

describe('soak: killed 30 times, nothing lost', () => {
  it('loses nothing the desk acknowledged, doubles nothing, keeps order, converges', async () => {
    const result = await runSoak({ kills: 30, maxMinutes: 4, seed: 30, centralEvery: 6 });
    expect(result.kills).toBeGreaterThan(0);
    expect(result.actionsAcknowledged).toBeGreaterThan(0);
    expect(result).toMatchObject({
      lost: 0,
      doubled: 0,
      outOfOrder: 0,
      mailsDoubled: 0,
      chainOk: true,
      converged: true,
      drained: true,
    });
  }, 480_000);
});
