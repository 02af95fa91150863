import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/storage/db/schema.ts',
  out: './src/storage/db/migrations',
});
