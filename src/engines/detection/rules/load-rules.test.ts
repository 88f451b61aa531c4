import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCityguardError } from '../../../domain/index.js';
import { loadTechniqueTable } from '../attack/technique-table.js';
import { loadRules, parseRules, parseRuleText } from './load-rules.js';

const techniques = loadTechniqueTable();
const valid = `id: ok-rule
title: OK
severity: low
attack: { technique: T0855, tactic: impair-process-control }
match: { type: command, where: { field: command, equals: breaker.open } }
explanation: { what: "{{command}} on {{asset.name}}", why: w, whatToDo: [d] }
`;

function problems(yaml: string): string[] {
  return parseRuleText(yaml, 'r.yaml', techniques).problems.map((p) => `${p.line}: ${p.message}`);
}

describe('loading rules', () => {
  it('compiles a valid rule into a frozen object', () => {
    const r = parseRuleText(valid, 'r.yaml', techniques);
    expect(r.problems).toEqual([]);
    expect(Object.isFrozen(r.rule)).toBe(true);
    expect(r.rule).toMatchObject({ id: 'ok-rule', pattern: 'match', technique: { name: 'Unauthorized Command Message' }, suppress: { forMs: 600_000 } });
  });

  it('rejects unknown techniques and tactics the technique does not serve, at their lines', () => {
    expect(problems(valid.replace('T0855', 'T0999'))).toEqual(['4: T0999 is not an ATT&CK for ICS technique (table: MITRE ATT&CK for ICS v18.1 (mitre-attack/attack-stix-data); see LICENSE.txt in this folder)']);
    expect(problems(valid.replace('impair-process-control', 'impact'))[0]).toMatch(/^4: T0855 Unauthorized Command Message serves impair-process-control, not impact/);
  });

  it('rejects unknown fields and duplicate keys', () => {
    expect(problems(`${valid}colour: red\n`)).toEqual(['7: unknown field "colour"']);
    expect(problems(`${valid}severity: high\n`)[0]).toMatch(/^7: .*unique/);
  });

  it('checks field paths against the event and telemetry schemas', () => {
    const bad = valid.replace('field: command,', 'field: metrics.level_mm,');
    expect(problems(bad)[0]).toMatch(/^5: "metrics.level_mm": command events have no field "metrics"/);
    const tank = `${valid.replace('type: command, where: { field: command, equals: breaker.open }', 'type: telemetry, scope: { kinds: [tank] }, where: { field: metrics.level_mm, gt: 1 }').replace('{{command}}', '{{metrics.level_m}}')}`;
    expect(problems(tank)).toEqual(['5: "metrics.level_mm": tank telemetry has no metric "level_mm" (known: level_m, inflow_lps)']);
    expect(problems(valid.replace('field: command,', 'field: asset.params,'))[0]).toMatch(/needs a name below params/);
  });

  it('requires exactly one operator per field condition and a valid regex', () => {
    expect(problems(valid.replace('equals: breaker.open', 'equals: a, contains: b'))[0]).toMatch(/needs exactly one operator \(found equals, contains\)/);
    expect(problems(valid.replace('equals: breaker.open', 'regex: "("'))[0]).toMatch(/regex is not a valid regular expression/);
    expect(problems(valid.replace('{ field: command, equals: breaker.open }', '{ equals: x }'))[0]).toMatch(/operator equals needs a field/);
  });

  it('checks template placeholders', () => {
    expect(problems(valid.replace('{{asset.name}}', '{{asset.nmae}}'))[0]).toMatch(/^6: \{\{asset.nmae\}\}: "asset.nmae": assets have no field "nmae"/);
    expect(problems(valid.replace('{{asset.name}}', '{{window.count}}'))[0]).toMatch(/window values exist only in/);
    expect(problems(valid.replace('{{asset.name}}', '{{asset.name}')).at(-1)).toMatch(/unbalanced/);
    expect(problems(valid.replace('{{asset.name}}', "{{asset.name|actor.host|'somewhere'}}"))).toEqual([]);
  });

  it('validates example events and locates their problems', () => {
    const withTests = `${valid}tests:\n  - name: t\n    events:\n      - { type: command, assetId: br-1, command: 5 }\n    expect: alert\n`;
    expect(problems(withTests)).toEqual(['10: example event: must be string']);
  });

  it('reports every problem of every file in a folder and refuses duplicate ids', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-rules-'));
    writeFileSync(join(dir, 'a.yaml'), valid);
    writeFileSync(join(dir, 'b.yaml'), valid);
    writeFileSync(join(dir, 'c.yml'), valid.replace('ok-rule', 'other').replace('T0855', 'T0999'));
    writeFileSync(join(dir, 'notes.txt'), 'not a rule');
    const r = parseRules(dir, techniques);
    expect(r.files.map((f) => f.slice(dir.length + 1))).toEqual(['a.yaml', 'b.yaml', 'c.yml']);
    expect(r.rules.map((x) => x.id)).toEqual(['ok-rule']);
    expect(r.problems.map((p) => `${p.file.slice(dir.length + 1)}:${p.line}`)).toEqual(['b.yaml:1', 'c.yml:4']);
    let thrown: unknown;
    try {
      loadRules(dir, techniques);
    } catch (err) {
      thrown = err;
    }
    expect(isCityguardError(thrown, 'CG_CONTENT_INVALID')).toBe(true);
    expect(() => loadRules(join(dir, 'nope'), techniques)).toThrowError(/no rules at/);
  });
});
