export type JournalEntry = {
  idx: number;
  version: string;
  when: number;
  tag: string;
  breakpoints: boolean;
};
export const MIGRATIONS: string;
export function nextMigration(
  journal: { entries: JournalEntry[] },
  name: string,
): { tag: string; entry: JournalEntry };
export function addMigration(folder: string, name: string): string;
