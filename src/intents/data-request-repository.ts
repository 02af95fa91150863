/**
 * Ley 21.719 requests in SQLite, for the desk (its services, replaying pending intents) and the
 * central API (applying intents). Like the company half, rows a desk records before the server
 * has them get negative ids; the server (`bumpVersions`) makes ordinary rows and bumps versions.
 */
import type Database from 'better-sqlite3';
import { fullName } from '../shared/format';
import {
  deadlineStatus,
  businessDaysBetween,
  type CalendarDate,
  type DeadlineStatus,
} from '../shared/rules/legal-deadlines';
import {
  BLOCKABLE_RIGHTS,
  OPEN_STATES,
  type ActiveBlock,
  type DataRequestChannel,
  type DataRequestState,
  type DataRight,
  type LinkedRequest,
} from '../shared/rules/data-requests';

export type DataRequestRow = {
  id: number;
  number: string;
  personRut: number;
  right: DataRight;
  channel: DataRequestChannel;
  identityCheck: string;
  detail: string;
  state: DataRequestState;
  stateReason: string | null;
  extensionReason: string | null;
  receivedAt: string;
  receivedDate: string;
  dueDate: string;
  extendedAt: string | null;
  closedAt: string | null;
  blockedAt: string | null;
  unblockedAt: string | null;
  agentId: string;
  interactionId: string | null;
  /** The name the titular gave, when the system holds no person with that RUT (0036). */
  titularName: string | null;
  version: number;
};

export type NewDataRequest = Omit<
  DataRequestRow,
  | 'id'
  | 'version'
  | 'state'
  | 'stateReason'
  | 'extensionReason'
  | 'extendedAt'
  | 'closedAt'
  | 'unblockedAt'
>;

export type ListedRequest = DataRequestRow & {
  personName: string | null;
  agentName: string | null;
};

type ListedRow = Omit<ListedRequest, 'personName'> & {
  givenNames: string | null;
  lastName1: string | null;
  lastName2: string | null;
};

export type DataRequestFilter = {
  state: DataRequestState | null;
  right: DataRight | null;
  /** Only this agent's requests (agents see their own); null: everyone's. */
  agentId: string | null;
  personRut: number | null;
  offset: number;
  limit: number;
};

const columns = (t: string) => `${t}id AS id, ${t}number AS number, ${t}person_rut AS personRut,
  ${t}data_right AS right, ${t}channel AS channel, ${t}identity_check AS identityCheck,
  ${t}detail AS detail, ${t}state AS state, ${t}state_reason AS stateReason,
  ${t}extension_reason AS extensionReason, ${t}received_at AS receivedAt,
  ${t}received_date AS receivedDate, ${t}due_date AS dueDate, ${t}extended_at AS extendedAt,
  ${t}closed_at AS closedAt, ${t}blocked_at AS blockedAt, ${t}unblocked_at AS unblockedAt,
  ${t}agent_id AS agentId, ${t}interaction_id AS interactionId, ${t}titular_name AS titularName,
  ${t}version AS version`;
const COLUMNS = columns('');

const OPEN_LIST = OPEN_STATES.map((state) => `'${state}'`).join(', ');

export function createDataRequestRepository(
  sqlite: Database.Database,
  options: { bumpVersions: boolean } = { bumpVersions: false },
) {
  const bump = options.bumpVersions ? 1 : 0;
  const newId = options.bumpVersions
    ? 'NULL'
    : '(SELECT min(0, coalesce(min(id), 0)) - 1 FROM data_requests)';
  const stamp = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";

  const byNumber = sqlite.prepare(`SELECT ${COLUMNS} FROM data_requests WHERE number = ?`);
  const activeBlock = sqlite.prepare(
    `SELECT number, blocked_at FROM data_requests
     WHERE person_rut = ? AND blocked_at IS NOT NULL AND unblocked_at IS NULL
     ORDER BY blocked_at LIMIT 1`,
  );
  const insert = sqlite.prepare(
    `INSERT INTO data_requests (id, number, person_rut, data_right, channel, identity_check, detail,
       state, received_at, received_date, due_date, blocked_at, agent_id, interaction_id,
       titular_name)
     VALUES (${newId}, @number, @personRut, @right, @channel, @identityCheck, @detail, 'received',
       @receivedAt, @receivedDate, @dueDate, @blockedAt, @agentId, @interactionId, @titularName)`,
  );
  const move = sqlite.prepare(
    `UPDATE data_requests SET state = @state,
       state_reason = CASE WHEN @state IN ('denied', 'answered') THEN @reason ELSE state_reason END,
       extension_reason = CASE WHEN @state = 'extended' THEN @reason ELSE extension_reason END,
       extended_at = CASE WHEN @state = 'extended' THEN @at ELSE extended_at END,
       due_date = @dueDate,
       closed_at = CASE WHEN @state IN ('answered', 'denied') THEN @at ELSE closed_at END,
       version = version + ${bump}, updated_at = ${stamp}
     WHERE id = @id`,
  );
  const unblock = sqlite.prepare(
    `UPDATE data_requests SET unblocked_at = ?, version = version + ${bump}, updated_at = ${stamp}
     WHERE id = ? AND blocked_at IS NOT NULL AND unblocked_at IS NULL`,
  );
  const ofPerson = sqlite.prepare(
    `SELECT ${COLUMNS} FROM data_requests WHERE person_rut = ? ORDER BY received_at DESC, number`,
  );
  const BLOCKABLE_LIST = BLOCKABLE_RIGHTS.map((right) => `'${right}'`).join(', ');
  // The person's open requests a temporary block stands on (art. 11).
  const openBlockable = sqlite.prepare(
    `SELECT count(*) FROM data_requests WHERE person_rut = ? AND state IN (${OPEN_LIST})
       AND data_right IN (${BLOCKABLE_LIST})`,
  );
  // A temporary block holds while a request it stands on is decided (art. 11); once none is
  // open it waits for someone to lift it, and the Panel counts these.
  const blocksAfterClose = sqlite.prepare(
    `SELECT count(*) FROM data_requests b WHERE b.blocked_at IS NOT NULL AND b.unblocked_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM data_requests r WHERE r.person_rut = b.person_rut
         AND r.state IN (${OPEN_LIST}) AND r.data_right IN (${BLOCKABLE_LIST}))`,
  );
  const openRows = sqlite.prepare(
    `SELECT ${COLUMNS} FROM data_requests WHERE state IN (${OPEN_LIST})
       AND (@agentId IS NULL OR agent_id = @agentId) ORDER BY due_date, number`,
  );

  const listStatement = sqlite.prepare(
    `SELECT ${columns('r.')},
           p.given_names AS givenNames, p.last_name1 AS lastName1, p.last_name2 AS lastName2,
           a.display_name AS agentName
         FROM data_requests r
         LEFT JOIN persons p ON p.rut = r.person_rut
         LEFT JOIN agents a ON a.id = r.agent_id
         WHERE (@state IS NULL OR r.state = @state)
           AND (@right IS NULL OR r.data_right = @right)
           AND (@agentId IS NULL OR r.agent_id = @agentId)
           AND (@personRut IS NULL OR r.person_rut = @personRut)
         ORDER BY (r.state IN (${OPEN_LIST})) DESC, r.due_date, r.number
         LIMIT +@limit OFFSET @offset`,
  );
  const list = (filter: DataRequestFilter): ListedRequest[] =>
    (listStatement.all(filter) as Array<ListedRow>).map(
      ({ givenNames, lastName1, lastName2, ...row }) => ({
        ...row,
        personName: givenNames === null ? null : fullName({ givenNames, lastName1, lastName2 }),
      }),
    );

  return {
    byNumber: (number: string) => (byNumber.get(number) as DataRequestRow | undefined) ?? null,
    /**
     * Blocks still in force with no open rectification, deletion or objection of their person
     * left to stand on: to lift or keep, someone decides.
     */
    blocksAfterClose: (): number => blocksAfterClose.pluck().get() as number,
    /** Whether the person has an open request a temporary block can stand on (art. 11). */
    hasOpenBlockable: (personRut: number): boolean =>
      (openBlockable.pluck().get(personRut) as number) > 0,
    activeBlock(personRut: number): ActiveBlock | null {
      const row = activeBlock.get(personRut) as { number: string; blocked_at: string } | undefined;
      return row ? { requestNumber: row.number, since: row.blocked_at } : null;
    },
    linked(number: string | null): LinkedRequest | null {
      if (number === null) return null;
      const row = byNumber.get(number) as DataRequestRow | undefined;
      return row
        ? { number: row.number, personRut: row.personRut, right: row.right, state: row.state }
        : null;
    },
    insert(row: NewDataRequest): number {
      return Number(insert.run(row).lastInsertRowid);
    },
    move(
      id: number,
      change: { state: DataRequestState; reason: string | null; dueDate: string; at: string },
    ): void {
      move.run({ id, ...change });
    },
    unblock: (id: number, at: string): boolean => unblock.run(at, id).changes === 1,
    ofPerson: (personRut: number) => ofPerson.all(personRut) as DataRequestRow[],
    list,
    /**
     * Open requests grouped by where their deadline stands on `today` (Santiago): overdue, due
     * within `soonBusinessDays` business days, later; with counts. For the supervisor's panel.
     */
    byDeadline(
      today: CalendarDate,
      options: { agentId?: string | null; soonBusinessDays?: number } = {},
    ): Record<DeadlineStatus, { count: number; requests: DataRequestRow[] }> {
      const groups: Record<DeadlineStatus, { count: number; requests: DataRequestRow[] }> = {
        overdue: { count: 0, requests: [] },
        due_soon: { count: 0, requests: [] },
        later: { count: 0, requests: [] },
      };
      const rows = openRows.all({ agentId: options.agentId ?? null }) as DataRequestRow[];
      for (const row of rows) {
        const group = groups[deadlineStatus(row.dueDate, today, options.soonBusinessDays ?? 2)];
        group.count += 1;
        group.requests.push(row);
      }
      return groups;
    },
    businessDaysLeft: (today: CalendarDate, due: CalendarDate) => businessDaysBetween(today, due),
  };
}

export type DataRequestRepository = ReturnType<typeof createDataRequestRepository>;
