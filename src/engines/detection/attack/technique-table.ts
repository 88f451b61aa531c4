// The ATT&CK for ICS technique table (content/attack-ics/techniques.json, MITRE's data under the
// licence kept beside it), loaded once and validated, so rules can name only real techniques.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { IcsTactic, TechniqueId } from '../../../domain/index.js';
import { attackTableInvalid } from '../errors.js';

const TechniqueFile = Type.Object({
  source: Type.String(),
  tactics: Type.Array(Type.Object({ id: Type.String(), shortname: IcsTactic, name: Type.String() })),
  techniques: Type.Array(
    Type.Object({ id: TechniqueId, name: Type.String({ minLength: 1 }), tactics: Type.Array(IcsTactic, { minItems: 1 }) }),
    { minItems: 1 },
  ),
});
type TechniqueFile = Static<typeof TechniqueFile>;
const checkFile = Compile(TechniqueFile);

/** One ATT&CK for ICS technique and the tactics it serves. */
export interface Technique {
  readonly id: string;
  readonly name: string;
  readonly tactics: readonly IcsTactic[];
}

/** Where the shipped table lives, relative to this source file. */
export const DEFAULT_TECHNIQUES_PATH = fileURLToPath(new URL('../../../../content/attack-ics/techniques.json', import.meta.url));

/** Technique lookup by id (e.g. T0855). */
export class TechniqueTable {
  private readonly byId: ReadonlyMap<string, Technique>;

  constructor(techniques: readonly Technique[], readonly source = 'inline') {
    this.byId = new Map(techniques.map((t) => [t.id, Object.freeze({ ...t, tactics: Object.freeze([...t.tactics]) })]));
  }

  get(id: string): Technique | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.byId.size;
  }

  /** Every technique, in id order. */
  all(): Technique[] {
    return [...this.byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}

/** Reads and validates the technique table; throws CG_DETECTION_ATTACK_TABLE_INVALID when unusable. */
export function loadTechniqueTable(path: string = DEFAULT_TECHNIQUES_PATH): TechniqueTable {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw attackTableInvalid(path, err instanceof Error ? err.message : String(err), err);
  }
  if (!checkFile.Check(parsed)) {
    const first = [...checkFile.Errors(parsed)][0] as { instancePath?: string; message?: string } | undefined;
    throw attackTableInvalid(path, `${first?.instancePath || '/'} ${first?.message ?? 'does not match the expected shape'}`);
  }
  const file = parsed as TechniqueFile;
  return new TechniqueTable(file.techniques, file.source);
}
