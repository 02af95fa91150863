/**
 * The SQL of the hot search path, in one place so the benchmark can run the very same
 * statements straight on better-sqlite3 and compare. None of them ranks over every match:
 * full-text probes take a bounded window in index order and sort only that window.
 */
export const SEARCH_SQL = {
  rutExists: 'SELECT rut FROM persons WHERE rut = ?',
  rutRange: 'SELECT rut FROM persons WHERE rut BETWEEN ? AND ? ORDER BY rut LIMIT ?',
  phone: 'SELECT rut FROM persons WHERE phone = ? ORDER BY rut LIMIT ?',
  emailPrefix: 'SELECT rut FROM persons WHERE email >= ? AND email < ? ORDER BY email LIMIT ?',
  names: `SELECT p.rut, p.given_names, p.last_name1, p.last_name2, p.sort_key FROM persons p
    WHERE p.rut IN (SELECT rowid FROM person_fts WHERE person_fts MATCH ? LIMIT ?)`,
  namesInCompany: `SELECT p.rut, p.given_names, p.last_name1, p.last_name2, p.sort_key FROM persons p
    WHERE p.rut IN (
      SELECT f.rowid FROM person_fts f
      JOIN memberships m ON m.person_rut = f.rowid AND m.company_rut = ?
      WHERE person_fts MATCH ? LIMIT ?)`,
  /** A prevention officer's name search: the window is taken among their companies' people. */
  namesInCompanies: `SELECT p.rut, p.given_names, p.last_name1, p.last_name2, p.sort_key FROM persons p
    WHERE p.rut IN (
      SELECT f.rowid FROM person_fts f
      JOIN memberships m ON m.person_rut = f.rowid AND m.state != 'removed'
        AND m.company_rut IN (SELECT value FROM json_each(?))
      WHERE person_fts MATCH ? LIMIT ?)`,
  companyMembers:
    'SELECT person_rut AS rut FROM memberships WHERE company_rut = ? ORDER BY person_rut LIMIT ? OFFSET ?',
  company: 'SELECT rut, dv, legal_name, adherent FROM companies WHERE rut = ?',
  companyNames: `SELECT rut, dv, legal_name, adherent FROM companies
    WHERE rut IN (SELECT rowid FROM company_fts WHERE company_fts MATCH ? LIMIT 50)
    ORDER BY length(legal_name), legal_name LIMIT ?`,
  memberCount: 'SELECT count(*) AS n FROM memberships WHERE company_rut = ?',
  inCompanies: `SELECT DISTINCT person_rut AS rut FROM memberships
    WHERE person_rut IN (SELECT value FROM json_each(?))
      AND company_rut IN (SELECT value FROM json_each(?)) AND state != 'removed'`,
  hitPersons: `SELECT rut, dv, given_names, last_name1, last_name2, email, phone FROM persons
    WHERE rut IN (SELECT value FROM json_each(?))`,
  hitMemberships: `SELECT m.person_rut, m.state, c.legal_name, c.adherent
    FROM memberships m JOIN companies c ON c.rut = m.company_rut
    WHERE m.person_rut IN (SELECT value FROM json_each(?)) ORDER BY m.id`,
  hitAccounts: `SELECT person_rut, registration_state, failed_attempts, locked_until,
      registration_blocked
    FROM accounts WHERE person_rut IN (SELECT value FROM json_each(?))`,
} as const;

/** FTS5 query for folded words: each quoted (no syntax survives) and used as a prefix. */
export function ftsPrefixQuery(words: string[]): string {
  return words.map((word) => `"${word}"*`).join(' ');
}

/** Upper bound for a text prefix range: every string that starts with `prefix` sorts below it. */
export function prefixEnd(prefix: string): string {
  return `${prefix}\u{10ffff}`;
}
