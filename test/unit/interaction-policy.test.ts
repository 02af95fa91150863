import { describe, expect, it } from 'vitest';
import { seesAllInteractions } from '../../src/shared/policy';

describe('whose calls an agent sees', () => {
  it('supervisors see every agent’s calls; agents and prevention officers their own', () => {
    expect(seesAllInteractions('supervisor')).toBe(true);
    expect(seesAllInteractions('agent')).toBe(false);
    expect(seesAllInteractions('prevention')).toBe(false);
  });
});
