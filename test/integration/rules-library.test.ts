// Runs the examples every shipped rule carries against the example city, and checks the library
// covers what the sample city needs: enough rules, each with examples that must and must not fire.
import { describe, expect, it } from 'vitest';
import { loadRules, loadTechniqueTable, runRuleExamples } from '../../src/engines/detection/index.js';
import { loadCityFile } from '../../src/platform/content/index.js';

const techniques = loadTechniqueTable();
const library = loadRules('content/rules', techniques);
const city = loadCityFile('content/rules/examples/city.yaml');
const results = runRuleExamples(library.rules, city);

describe('the shipped rule library', () => {
  it('has at least 15 rules, each with an example that must fire and one that must not', () => {
    expect(library.rules.length).toBeGreaterThanOrEqual(15);
    for (const rule of library.rules) {
      const expects = rule.source.tests.map((t) => t.expect);
      expect.soft(expects, rule.id).toContain('alert');
      expect.soft(expects, rule.id).toContain('none');
    }
  });

  it.each(results.map((r) => [`${r.ruleId}: ${r.example}`, r] as const))('%s', (_name, r) => {
    expect(r.message).toBe('');
    expect(r.ok).toBe(true);
  });

  it('fills every explanation placeholder in the alerts its examples raise', () => {
    for (const r of results) {
      for (const a of r.alerts) {
        const text = [a.explanation.what, a.explanation.why, ...a.explanation.whatToDo].join(' ');
        expect.soft(text, `${r.ruleId}: ${r.example}`).not.toMatch(/\{\{|\(not reported\)/);
      }
    }
  });
});
