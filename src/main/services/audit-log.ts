/**
 * Supervisors browse, export and verify the audit log.
 */
import { verifyChain } from '../domain/audit-chain';
import type { AnchoredChainReport } from '../../shared/contract';
import { auditCsv, auditCsvFilename, santiagoStamp } from '../domain/audit-csv';
import { actionText } from '../../shared/audit-details';
import { privacyMessages, systemAgentName } from '../../shared/messages';
import { SYSTEM_AGENT_ID } from '../../shared/rules/export-retention';
import { formatRut, rutFromBody } from '../../shared/rut';
import { auditExport } from './privacy';
import { decide } from '../../shared/rules/permissions';
import type { AuditFilter, AuditRepository } from '../repositories/audit-repository';
import type Database from 'better-sqlite3';
import { checkAnchors } from '../domain/audit-anchor-check';
import { listAuditAnchors } from '../repositories/audit-anchor-repository';
import type { ServiceContext, Session } from './context';
import { ForbiddenError } from './errors';
import { csvCell } from '../../shared/csv-cell';

function allowBrowse(session: Session) {
  const decision = decide(session, 'audit.browse', { personCompanyRuts: [] });
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
}

export function listAudit(
  ctx: ServiceContext,
  session: Session,
  filter: AuditFilter,
  offset: number,
  limit: number,
) {
  allowBrowse(session);
  return {
    total: ctx.repos.audit.count(filter),
    events: ctx.repos.audit.list(filter, limit, offset),
  };
}

const COLUMNS = [
  'seq',
  'at',
  'agentId',
  'deviceId',
  'personRut',
  'action',
  'before',
  'after',
  'reason',
  'identityCheck',
  'interactionId',
  'prevHash',
  'hash',
] as const;

/**
 * `spreadsheet` (the default): the CSV a supervisor opens in Excel (see domain/audit-csv).
 * `machine`: every stored column, hashes included, comma-separated, as it always was.
 */
export type AuditExportFormat = 'spreadsheet' | 'machine';

export function exportAudit(
  ctx: ServiceContext,
  session: Session,
  filter: AuditFilter,
  format: AuditExportFormat = 'spreadsheet',
) {
  allowBrowse(session);
  const file = buildExport(ctx, filter, format);
  // Privacy by default (issue 10): the file says who made it and when, and the export is
  // itself an audit event (appended after the file is built, so it is not in it).
  const when = santiagoStamp(ctx.now().toISOString());
  const madeBy = privacyMessages.exportMadeBy(session.displayName, session.username, when);
  const footer =
    format === 'spreadsheet'
      ? [madeBy, privacyMessages.exportEnd(file.rows)].map((line) => csvCell(line)).join('\r\n')
      : `# ${madeBy}; ${privacyMessages.exportEnd(file.rows)}`;
  auditExport(ctx, session, {
    format,
    rows: file.rows,
    filter: describeFilter(filter),
    personRut: filter.personRut ?? null,
  });
  return { ...file, csv: `${file.csv}${footer}\r\n` };
}

/** The filters of an export, as the audit event about it keeps them. */
function describeFilter(filter: AuditFilter): string {
  const parts: string[] = [];
  if (filter.personRut) parts.push(`RUT ${formatRut(rutFromBody(filter.personRut))}`);
  if (filter.agentId) parts.push(`agente ${filter.agentId}`);
  if (filter.action) parts.push(`acción «${actionText(filter.action)}»`);
  if (filter.from) parts.push(`desde ${santiagoStamp(filter.from).slice(0, 10)}`);
  if (filter.to) parts.push(`hasta antes de ${santiagoStamp(filter.to).slice(0, 10)}`);
  if (filter.excludeViews && !filter.action) parts.push('sin consultas de fichas');
  return parts.length > 0 ? parts.join(' · ') : 'todos los eventos';
}

function buildExport(ctx: ServiceContext, filter: AuditFilter, format: AuditExportFormat) {
  if (format === 'spreadsheet') {
    const names = new Map(ctx.repos.agents.list().map((a) => [a.id, a.displayName]));
    const { csv, rows } = auditCsv(ctx.repos.audit.iterateNamed(filter), {
      agentName: (agentId) =>
        names.get(agentId) ?? (agentId === SYSTEM_AGENT_ID ? systemAgentName : agentId),
      thisDeviceId: ctx.deviceId,
    });
    return { filename: auditCsvFilename(ctx.now()), csv, rows };
  }
  const lines = [COLUMNS.join(',')];
  for (const event of ctx.repos.audit.iterate(filter)) {
    lines.push(COLUMNS.map((column) => csvCell(event[column])).join(','));
  }
  const stamp = ctx.now().toISOString().slice(0, 10);
  return {
    filename: `auditoria-${stamp}.csv`,
    csv: `${lines.join('\r\n')}\r\n`,
    rows: lines.length - 1,
  };
}

export function verifyAudit(ctx: ServiceContext, session: Session | null): AnchoredChainReport {
  if (session) allowBrowse(session);
  return verifyAnchoredChain(ctx.db.$client, ctx.repos.audit);
}

/** Both checks over one replica: also what `npm run audit:verify` runs. */
export function verifyAnchoredChain(
  sqlite: Database.Database,
  audit: AuditRepository,
): AnchoredChainReport {
  const chain = verifyChain(audit.iterate());
  return { ...chain, anchor: checkAnchors(audit.iterate(), listAuditAnchors(sqlite)) };
}
