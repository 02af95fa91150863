/**
 * The replica's person count (migration 0023): kept by the `person_count_%` triggers on persons,
 * so the header's count, asked on every status poll, reads one row instead of counting 10 million.
 * A bulk load (a snapshot, the demo seed) sets the triggers aside with the search ones and
 * counts once when it puts them back.
 */
export const PERSON_COUNT_SQL = {
  read: "SELECT n FROM replica_counts WHERE name = 'persons'",
  recount: `INSERT INTO replica_counts (name, n) VALUES ('persons', (SELECT count(*) FROM persons))
    ON CONFLICT (name) DO UPDATE SET n = excluded.n`,
} as const;
