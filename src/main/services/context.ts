/**
 * What every use case runs with: the database, the repositories, the clock, this device's
 * identity and the signed-in agent. Tests build one over a real SQLite file and may replace a
 * single piece (say, the audit append) to prove a failure leaves nothing behind.
 */
import type { Db } from '../../storage/db/database';
import type { AgentScope } from '../../shared/rules/permissions';
import { createAgentRepository } from '../../storage/repositories/agent-repository';
import { createAuditRepository } from '../repositories/audit-repository';
import { createDataRequestRepository } from '../../intents/data-request-repository';
import { createCompanyWriteRepository } from '../../intents/company-write-repository';
import { createCompanyRecordRepository } from '../repositories/company-record-repository';
import { createInteractionRepository } from '../repositories/interaction-repository';
import { createOutboxRepository } from '../repositories/outbox-repository';
import { createPersonRecordRepository } from '../repositories/person-record-repository';
import { createPersonSearchRepository } from '../repositories/person-search-repository';
import { createPersonWriteRepository } from '../../intents/person-write-repository';

export type Session = AgentScope & {
  agentId: string;
  username: string;
  displayName: string;
  personRut: number | null;
};

export function createRepositories(db: Db) {
  return {
    records: createPersonRecordRepository(db),
    search: createPersonSearchRepository(db.$client),
    writes: createPersonWriteRepository(db.$client),
    audit: createAuditRepository(db.$client),
    outbox: createOutboxRepository(db.$client),
    agents: createAgentRepository(db.$client),
    interactions: createInteractionRepository(db.$client),
    companyRecords: createCompanyRecordRepository(db.$client),
    // The company half's writes (issue 7), the same the intents apply.
    companies: createCompanyWriteRepository(db.$client),
    // Ley 21.719 requests and the temporary block (issue 10).
    dataRequests: createDataRequestRepository(db.$client),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;

export type ServiceContext = {
  db: Db;
  repos: Repositories;
  now: () => Date;
  deviceId: string;
};
