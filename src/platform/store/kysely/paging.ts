// Newest-first keyset paging shared by every listed table: order by (ts desc, tiebreak desc),
// fetch one row more than asked to learn whether another page exists.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Page } from '../store.js';
import { decodeCursor, encodeCursor, pageLimit, type CursorKey } from './page-cursor.js';

/** Where-clause for rows strictly older than the cursor, or undefined on the first page. */
export function olderThanCursor(
  cursor: string | undefined,
  tsColumn: string,
  tiebreakColumn: string,
  tiebreak: 'string' | 'number',
): Expression<SqlBool> | undefined {
  if (cursor === undefined) return undefined;
  const [ts, tb] = decodeCursor(cursor, tiebreak);
  return sql<SqlBool>`(${sql.ref(tsColumn)} < ${ts} or (${sql.ref(tsColumn)} = ${ts} and ${sql.ref(tiebreakColumn)} < ${tb}))`;
}

/** Turns `limit + 1` fetched rows into a page of `limit` items and the cursor after it. */
export function toPage<R, T>(rows: readonly R[], limit: number, keyOf: (row: R) => CursorKey, map: (row: R) => T): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return rows.length > limit && last !== undefined ? { items: items.map(map), nextCursor: encodeCursor(keyOf(last)) } : { items: items.map(map) };
}

export { pageLimit };
