// The connection pool of the PostgreSQL store: bigint columns (millisecond timestamps, counts) come
// back as JS numbers, and an optional schema is put first on every connection's search_path so one
// database can hold several stores (a test run, a staging city).
import pg from 'pg';
import { storeOpenFailed } from '../errors.js';

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/** The URL with any password masked, fit for logs and error messages. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable PostgreSQL URL)';
  }
}

/** Parses int8 as a number: every bigint column holds ms timestamps or counts, far below 2^53. */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** Creates the pool; throws CG_STORE_OPEN_FAILED for a schema name that is not a plain identifier. */
export function createPool(url: string, schema: string | undefined, max: number): pg.Pool {
  if (schema !== undefined && !SCHEMA.test(schema)) {
    throw storeOpenFailed(redactedUrl(url), new Error(`schema "${schema.slice(0, 64)}" must match ${SCHEMA.source}`));
  }
  return new pg.Pool({
    connectionString: url,
    max,
    types,
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
}
