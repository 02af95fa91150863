import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  decide,
  personTarget,
  type Action,
  type AgentScope,
  type Decision,
  type DenyReason,
  type Role,
  type Target,
} from '../../src/shared/rules/permissions';

/** The company the target person and membership belong to (RUT body). */
const COMPANY = 76_123_456;
/** Another company, never the target's. */
const OTHER = 96_555_444;
/** A third company, also never the target's. */
const THIRD = 77_888_999;

const ROLES: readonly Role[] = ['supervisor', 'agent', 'prevention'];

/**
 * The four agent/target situations of the matrix. The target is always a person of COMPANY,
 * acted on through their COMPANY membership. "Not admin" agents administer some other company,
 * so a check that merely looks for a non-empty admin list would be caught.
 */
const SCENARIOS = [
  {
    name: 'in scope, access admin',
    companyRuts: [OTHER, COMPANY],
    adminOfCompanyRuts: [COMPANY],
  },
  {
    name: 'in scope, not access admin',
    companyRuts: [OTHER, COMPANY],
    adminOfCompanyRuts: [OTHER],
  },
  {
    name: 'out of scope, access admin',
    companyRuts: [OTHER],
    adminOfCompanyRuts: [COMPANY],
  },
  {
    name: 'out of scope, not access admin',
    companyRuts: [OTHER],
    adminOfCompanyRuts: [OTHER],
  },
] as const;

/** 'ok' for allowed, otherwise the expected deny reason. */
type Expected = 'ok' | DenyReason;
/** One expectation per scenario, in SCENARIOS order. */
type Row = readonly [Expected, Expected, Expected, Expected];

const ALL_OK: Row = ['ok', 'ok', 'ok', 'ok'];
const ALL_ROLE: Row = ['role', 'role', 'role', 'role'];
const SCOPED: Row = ['ok', 'ok', 'out_of_scope', 'out_of_scope'];

/** Written out by hand from the rules; deliberately not derived from the implementation. */
const EXPECTED: Record<Role, Record<Action, Row>> = {
  supervisor: {
    'person.view': ALL_OK,
    'contact.edit': ALL_OK,
    'account.unlock': ALL_OK,
    'registration.clear_block': ALL_OK,
    'mail.resend': ALL_OK,
    'membership.disable': ALL_OK,
    'membership.enable': ALL_OK,
    'membership.pause': ALL_OK,
    'membership.resume': ALL_OK,
    'membership.dismiss': ALL_OK,
    'membership.change_role': ALL_OK,
    'interaction.manage': ALL_OK,
    'audit.browse': ALL_OK,
    'company.view': ALL_OK,
    'request.manage': ALL_OK,
    'company_user.manage': ALL_OK,
    'data_request.manage': ALL_OK,
  },
  agent: {
    'person.view': ALL_OK,
    'contact.edit': ALL_OK,
    'account.unlock': ALL_OK,
    'registration.clear_block': ALL_OK,
    'mail.resend': ALL_OK,
    'membership.disable': ALL_OK,
    'membership.enable': ALL_OK,
    'membership.pause': ALL_OK,
    'membership.resume': ALL_OK,
    'membership.dismiss': ALL_OK,
    'membership.change_role': ['ok', 'not_access_admin', 'ok', 'not_access_admin'],
    'interaction.manage': ALL_OK,
    'audit.browse': ALL_ROLE,
    'company.view': ALL_OK,
    'request.manage': ALL_OK,
    'company_user.manage': ALL_OK,
    'data_request.manage': ALL_OK,
  },
  prevention: {
    'person.view': SCOPED,
    'contact.edit': SCOPED,
    'account.unlock': SCOPED,
    // Rule 2: the help desk's, wherever the person works.
    'registration.clear_block': [
      'help_desk_only',
      'help_desk_only',
      'help_desk_only',
      'help_desk_only',
    ],
    'mail.resend': SCOPED,
    'membership.disable': SCOPED,
    'membership.enable': SCOPED,
    'membership.pause': SCOPED,
    'membership.resume': SCOPED,
    'membership.dismiss': SCOPED,
    'membership.change_role': ['ok', 'not_access_admin', 'out_of_scope', 'out_of_scope'],
    'interaction.manage': ALL_OK,
    'audit.browse': ALL_ROLE,
    'company.view': SCOPED,
    'request.manage': ALL_ROLE,
    'company_user.manage': SCOPED,
    // Ley 21.719 requests are the 600 line's work.
    'data_request.manage': ALL_ROLE,
  },
};

const PERSON_ACTIONS: readonly Action[] = [
  'person.view',
  'contact.edit',
  'account.unlock',
  'mail.resend',
];

const MEMBERSHIP_ACTIONS: readonly Action[] = [
  'membership.disable',
  'membership.enable',
  'membership.pause',
  'membership.resume',
  'membership.dismiss',
];

const decision = (expected: Expected): Decision =>
  expected === 'ok' ? { allowed: true } : { allowed: false, reason: expected };

const scope = (
  role: Role,
  companyRuts: readonly number[] = [],
  adminOfCompanyRuts: readonly number[] = [],
): AgentScope => ({
  role,
  companyRuts: [...companyRuts],
  adminOfCompanyRuts: [...adminOfCompanyRuts],
});

const TARGET: Target = { personCompanyRuts: [COMPANY], companyRut: COMPANY };

describe('decide — expected table', () => {
  it('lists every action and only those, for every role', () => {
    for (const role of ROLES) {
      expect(Object.keys(EXPECTED[role]).sort()).toEqual([...ACTIONS].sort());
    }
  });
});

describe('decide — role × action × scope matrix', () => {
  for (const role of ROLES) {
    describe(role, () => {
      for (const action of ACTIONS) {
        SCENARIOS.forEach((scenario, index) => {
          const expected = EXPECTED[role][action][index] as Expected;
          it(`${action}, ${scenario.name} → ${expected}`, () => {
            const agent = scope(role, scenario.companyRuts, scenario.adminOfCompanyRuts);
            expect(decide(agent, action, TARGET)).toStrictEqual(decision(expected));
          });
        });
      }
    });
  }
});

describe('decide — membership.change_role without a company', () => {
  const target: Target = { personCompanyRuts: [COMPANY] };

  it('denies an agent as not_access_admin, whatever companies it administers', () => {
    const agent = scope('agent', [], [COMPANY, OTHER]);
    expect(decide(agent, 'membership.change_role', target)).toStrictEqual({
      allowed: false,
      reason: 'not_access_admin',
    });
  });

  it('denies a prevention officer as out_of_scope (the scope check comes first)', () => {
    const agent = scope('prevention', [COMPANY, OTHER], [COMPANY, OTHER]);
    expect(decide(agent, 'membership.change_role', target)).toStrictEqual({
      allowed: false,
      reason: 'out_of_scope',
    });
  });

  it('still allows a supervisor', () => {
    expect(decide(scope('supervisor'), 'membership.change_role', target)).toStrictEqual({
      allowed: true,
    });
  });
});

describe('decide — prevention officer, membership actions', () => {
  it.each(MEMBERSHIP_ACTIONS)('%s without a company is out_of_scope', (action) => {
    const agent = scope('prevention', [COMPANY], [COMPANY]);
    expect(decide(agent, action, { personCompanyRuts: [COMPANY] })).toStrictEqual({
      allowed: false,
      reason: 'out_of_scope',
    });
  });

  it.each(MEMBERSHIP_ACTIONS)(
    '%s is scoped by the membership company, not by the person companies',
    (action) => {
      const agent = scope('prevention', [COMPANY], []);
      // The person works at COMPANY (in scope), but this membership is at OTHER.
      const target: Target = { personCompanyRuts: [COMPANY, OTHER], companyRut: OTHER };
      expect(decide(agent, action, target)).toStrictEqual({
        allowed: false,
        reason: 'out_of_scope',
      });
    },
  );

  it('change_role at an assigned company the officer does not administer is not_access_admin', () => {
    const agent = scope('prevention', [COMPANY, OTHER], [OTHER]);
    expect(
      decide(agent, 'membership.change_role', {
        personCompanyRuts: [COMPANY, OTHER],
        companyRut: COMPANY,
      }),
    ).toStrictEqual({ allowed: false, reason: 'not_access_admin' });
  });
});

describe('decide — prevention officer, person-level actions', () => {
  it.each(PERSON_ACTIONS)('%s on a person with no companies is out_of_scope', (action) => {
    const agent = scope('prevention', [COMPANY, OTHER], [COMPANY]);
    expect(decide(agent, action, { personCompanyRuts: [], companyRut: COMPANY })).toStrictEqual({
      allowed: false,
      reason: 'out_of_scope',
    });
  });

  it.each(PERSON_ACTIONS)('%s is allowed when one of several companies is shared', (action) => {
    const agent = scope('prevention', [THIRD, COMPANY], []);
    expect(decide(agent, action, { personCompanyRuts: [OTHER, COMPANY] })).toStrictEqual({
      allowed: true,
    });
  });

  it.each(PERSON_ACTIONS)('%s ignores target.companyRut', (action) => {
    const agent = scope('prevention', [COMPANY], []);
    // The membership company is assigned, but the person shares no company with the officer.
    expect(
      decide(agent, action, { personCompanyRuts: [OTHER], companyRut: COMPANY }),
    ).toStrictEqual({ allowed: false, reason: 'out_of_scope' });
  });

  it('an officer with no assigned companies can only manage interactions', () => {
    const agent = scope('prevention', [], [COMPANY]);
    const allowed = ACTIONS.filter((action) => decide(agent, action, TARGET).allowed);
    expect(allowed).toEqual(['interaction.manage']);
  });

  it('interaction.manage needs no scope, even for a person with no companies', () => {
    const agent = scope('prevention', [OTHER], []);
    expect(decide(agent, 'interaction.manage', { personCompanyRuts: [] })).toStrictEqual({
      allowed: true,
    });
  });
});

describe('decide — roles other than prevention are not scoped', () => {
  const unscopedActions = ACTIONS.filter(
    (action) => action !== 'audit.browse' && action !== 'membership.change_role',
  );

  it.each(unscopedActions)('an agent with companyRuts may still %s anywhere', (action) => {
    const agent = scope('agent', [OTHER], []);
    expect(
      decide(agent, action, { personCompanyRuts: [COMPANY], companyRut: COMPANY }),
    ).toStrictEqual({ allowed: true });
  });

  it.each(PERSON_ACTIONS)('an agent may %s for a person with no companies', (action) => {
    expect(decide(scope('agent', [OTHER], []), action, { personCompanyRuts: [] })).toStrictEqual({
      allowed: true,
    });
  });

  it('an agent with companyRuts may change roles where it is an access admin, outside that list', () => {
    const agent = scope('agent', [OTHER], [COMPANY]);
    expect(decide(agent, 'membership.change_role', TARGET)).toStrictEqual({ allowed: true });
  });

  it.each(ACTIONS)('a supervisor with companyRuts may still %s anywhere', (action) => {
    const agent = scope('supervisor', [OTHER], []);
    expect(decide(agent, action, { personCompanyRuts: [] })).toStrictEqual({ allowed: true });
  });
});

describe('decide — fails closed', () => {
  it.each(ACTIONS)('denies %s to an unknown role', (action) => {
    const agent: AgentScope = {
      role: 'admin' as Role,
      companyRuts: [COMPANY],
      adminOfCompanyRuts: [COMPANY],
    };
    expect(decide(agent, action, TARGET)).toStrictEqual({ allowed: false, reason: 'role' });
  });

  it.each(ROLES)('denies an unknown action to the %s role', (role) => {
    const agent = scope(role, [COMPANY], [COMPANY]);
    expect(decide(agent, 'person.delete' as Action, TARGET)).toStrictEqual({
      allowed: false,
      reason: 'role',
    });
  });

  it.each(ROLES)('denies an action named after an Object.prototype key to %s', (role) => {
    const agent = scope(role, [COMPANY], [COMPANY]);
    expect(decide(agent, 'constructor' as Action, TARGET)).toStrictEqual({
      allowed: false,
      reason: 'role',
    });
  });
});

describe('personTarget', () => {
  const counted = () => {
    const reads = { count: 0 };
    const target = personTarget(() => {
      reads.count++;
      return [COMPANY];
    }, COMPANY);
    return { reads, target };
  };

  it.each(['supervisor', 'agent'] as const)(
    "lets a %s act without reading the person's companies",
    (role) => {
      const { reads, target } = counted();
      expect(decide(scope(role, [], []), 'contact.edit', target)).toStrictEqual({ allowed: true });
      expect(reads.count).toBe(0);
    },
  );

  it('reads them once for a prevention officer, and decides on what it read', () => {
    const { reads, target } = counted();
    expect(decide(scope('prevention', [COMPANY], []), 'contact.edit', target).allowed).toBe(true);
    expect(decide(scope('prevention', [OTHER], []), 'contact.edit', target)).toStrictEqual({
      allowed: false,
      reason: 'out_of_scope',
    });
    expect(reads.count).toBe(1);
    expect(target.companyRut).toBe(COMPANY);
  });
});
