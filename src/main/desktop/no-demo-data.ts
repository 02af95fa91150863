/**
 * Stands in for src/storage/seed/seed-database.ts in installer builds (`electron-vite build --mode
 * package`, see electron.vite.config.ts): demo data and demo agents, whose passwords are public,
 * never ship. A packaged app syncs its replica from the central API instead.
 */
export function createDemoDatabase(): never {
  throw new Error('Esta versión no incluye datos de demostración.');
}
