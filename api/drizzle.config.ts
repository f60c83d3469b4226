import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './api/src/store/schema/index.ts',
  out: './api/src/store/migrations',
});
