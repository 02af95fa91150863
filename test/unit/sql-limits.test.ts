/**
 * A LIMIT given as a bare bound parameter (`LIMIT ?`, `LIMIT @limit`) makes SQLite (3.47 and
 * later, without the query-planner stability flag, which better-sqlite3 cannot set) re-prepare
 * the statement on every run: the planner reads the bound value, so each new binding expires
 * the plan. Measured here: 13–20 µs more per run of a one-row query, on every search step and
 * record read. `LIMIT +?` is the same limit with a plan made once. drizzle's `.limit(n)` binds
 * `n` the same way, so a drizzle query takes the number as a literal (`sql.raw`).
 *
 * This test keeps the bare form out of the SQL the desk and the central API run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/storage/db/database';

const ROOTS = ['src/main', 'src/central-api', 'src/shared'];

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('LIMIT parameters', () => {
  it('no statement takes its LIMIT as a bare bound parameter', () => {
    const offenders: string[] = [];
    for (const file of ROOTS.flatMap(sourceFiles)) {
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const bare = /\bLIMIT\s+([?@:]|\$(?!\{))/.test(line);
          const drizzleNumber = /\.limit\((?!sql\.raw\()/.test(line);
          if (bare || drizzleNumber) offenders.push(`${file}:${index + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  it('`LIMIT +?` still limits, to the number bound', () => {
    const sqlite = openSqlite(':memory:');
    sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1), (2), (3), (4)');
    const page = sqlite.prepare('SELECT id FROM t ORDER BY id LIMIT +? OFFSET ?').pluck();
    expect(page.all(2, 0)).toEqual([1, 2]);
    expect(page.all(3, 1)).toEqual([2, 3, 4]);
    expect(page.all(0, 0)).toEqual([]);
    sqlite.close();
  });
});
