import path from 'node:path';
import { ensurePgliteTemplate } from '../../api/src/store/pglite-template.js';

/**
 * Runs once before all test files: makes the migrated PGlite template every store-backed test
 * copies, so that no test file pays for PGlite's initdb.
 */
export default async function setup(): Promise<void> {
  if (process.env.DATABASE_URL !== undefined && process.env.DATABASE_URL !== '') return;
  const cacheRoot = path.resolve('node_modules/.cache/reverse-mentoring');
  process.env.RM_PGLITE_TEMPLATE = await ensurePgliteTemplate(cacheRoot);
}
