import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * The `set` of an upsert that takes the inserted row's values for the named columns
 * (`excluded.<column>`), named as the table's TypeScript fields:
 * `.onConflictDoUpdate({ target, set: insertedValues(table, ['status', 'updatedAt']) })`.
 */
export function insertedValues<T extends PgTable, K extends keyof T['_']['columns'] & string>(
  table: T,
  fields: readonly K[],
): Record<K, SQL> {
  const columns = getTableColumns(table);
  return Object.fromEntries(
    fields.map((f) => {
      const column = columns[f];
      if (column === undefined) throw new Error(`no column ${f}`);
      return [f, sql`excluded.${sql.identifier(column.name)}`];
    }),
  ) as Record<K, SQL>;
}
