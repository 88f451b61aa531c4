// Imports assets from a CSV export (an asset register, a spreadsheet). The header is documented in
// src/engines/posture/README.md; each bad row is reported with its line and column and skipped,
// the good rows are kept.
import { Compile } from 'typebox/compile';
import { Asset, type CityModel } from '../../../domain/index.js';
import { inputUnreadable } from '../errors.js';
import { readCsvRows } from './csv-rows.js';

/** Columns every inventory CSV must have. */
export const REQUIRED_COLUMNS = [
  'id',
  'name',
  'kind',
  'vendor',
  'model',
  'firmware',
  'zone',
  'district',
  'criticality',
] as const;
/** Columns an inventory CSV may have; lists inside a cell are separated by semicolons. */
export const OPTIONAL_COLUMNS = [
  'ip',
  'mac',
  'hostname',
  'site',
  'lon',
  'lat',
  'protocols',
  'services',
  'tags',
  'default_credentials',
  'shared_credentials',
  'firmware_signed',
  'mfa',
  'tls',
  'end_of_life',
] as const;

/** One unusable row (or cell) of an inventory CSV. */
export interface InventoryRowError {
  readonly line: number;
  readonly column: string | undefined;
  readonly message: string;
}

/** The assets read from an inventory CSV and the rows that were refused. */
export interface InventoryImport {
  readonly file: string;
  readonly rows: number;
  readonly assets: Asset[];
  /** CSV line of each imported asset, by asset id. */
  readonly lines: ReadonlyMap<string, number>;
  readonly errors: InventoryRowError[];
}

const assetCheck = Compile(Asset);
const list = (cell: string) =>
  cell
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);

function flag(cell: string, column: string, errors: string[]): boolean | undefined {
  const v = cell.trim().toLowerCase();
  if (v === '') return undefined;
  if (['true', 'yes', '1'].includes(v)) return true;
  if (['false', 'no', '0'].includes(v)) return false;
  errors.push(`${column}: "${cell}" is not true/false`);
  return undefined;
}

/**
 * Reads inventory CSV text against a city (zones, districts and sites must exist; ids must be new).
 * Throws CG_POSTURE_INPUT_UNREADABLE only when the header lacks a required column.
 */
export function importInventoryCsv(text: string, file: string, city: CityModel): InventoryImport {
  const parsed = readCsvRows(text);
  const [header, ...body] = parsed.rows;
  if (!header) throw inputUnreadable(file, 'empty inventory CSV (expected a header line)');
  const columns = header.fields.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw inputUnreadable(file, `inventory CSV header lacks ${missing.join(', ')}`);
  const errors: InventoryRowError[] = [];
  const unknown = columns.filter(
    (c) =>
      !(REQUIRED_COLUMNS as readonly string[]).includes(c) &&
      !(OPTIONAL_COLUMNS as readonly string[]).includes(c),
  );
  for (const c of unknown)
    errors.push({ line: header.line, column: c, message: `unknown column "${c}" ignored` });
  if (parsed.error)
    errors.push({ line: parsed.error.line, column: undefined, message: parsed.error.message });
  const assets: Asset[] = [];
  const lines = new Map<string, number>();
  for (const row of body) {
    const cell = (name: string) => row.fields[columns.indexOf(name)]?.trim() ?? '';
    if (row.fields.length !== columns.length) {
      errors.push({
        line: row.line,
        column: undefined,
        message: `${row.fields.length} fields, header has ${columns.length}`,
      });
      continue;
    }
    const result = rowToAsset(cell, city);
    const id = cell('id');
    if (result.errors.length === 0 && (city.assets.has(id) || lines.has(id)))
      result.errors.push(
        `id: "${id}" already ${city.assets.has(id) ? 'in the city file' : `on line ${lines.get(id)}`}`,
      );
    if (result.errors.length > 0) {
      for (const e of result.errors) errors.push({ line: row.line, column: e.split(':')[0], message: e });
      continue;
    }
    assets.push(result.asset!);
    lines.set(id, row.line);
  }
  return { file, rows: body.length, assets, lines, errors };
}

function rowToAsset(cell: (name: string) => string, city: CityModel): { asset?: Asset; errors: string[] } {
  const errors: string[] = [];
  const security = {
    defaultCredentials: flag(cell('default_credentials'), 'default_credentials', errors),
    sharedCredentials: flag(cell('shared_credentials'), 'shared_credentials', errors),
    firmwareSigned: flag(cell('firmware_signed'), 'firmware_signed', errors),
    mfa: flag(cell('mfa'), 'mfa', errors),
    tls: flag(cell('tls'), 'tls', errors),
    ...(cell('end_of_life') ? { endOfLife: cell('end_of_life') } : {}),
  };
  const site = cell('site') || undefined;
  if (!city.zones.has(cell('zone'))) errors.push(`zone: unknown zone "${cell('zone')}"`);
  if (!city.districts.has(cell('district'))) errors.push(`district: unknown district "${cell('district')}"`);
  if (site && !city.sites.has(site)) errors.push(`site: unknown site "${site}"`);
  const lon = cell('lon') === '' ? undefined : Number(cell('lon'));
  const lat = cell('lat') === '' ? undefined : Number(cell('lat'));
  const location =
    lon !== undefined && lat !== undefined
      ? [lon, lat]
      : (site && city.sites.get(site)?.location) || city.city.city.center;
  const candidate = {
    id: cell('id'),
    name: cell('name'),
    kind: cell('kind'),
    vendor: cell('vendor'),
    model: cell('model'),
    firmware: cell('firmware'),
    protocols: list(cell('protocols')),
    network: Object.fromEntries(['ip', 'mac', 'hostname'].filter((k) => cell(k)).map((k) => [k, cell(k)])),
    zone: cell('zone'),
    district: cell('district'),
    ...(site ? { site } : {}),
    location,
    criticality: cell('criticality'),
    services: list(cell('services')),
    tags: list(cell('tags')),
    params: {},
    security: Object.fromEntries(Object.entries(security).filter(([, v]) => v !== undefined)),
    source: 'declared',
  };
  if (!assetCheck.Check(candidate)) {
    for (const e of [...assetCheck.Errors(candidate)] as unknown as Array<{
      instancePath: string;
      message: string;
    }>) {
      const column = e.instancePath.split('/')[1] ?? 'row';
      errors.push(`${column}: ${e.instancePath} ${e.message}`);
    }
  }
  return errors.length > 0 ? { errors } : { asset: candidate as unknown as Asset, errors };
}
