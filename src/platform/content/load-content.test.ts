import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { isCityguardError } from '../../domain/index.js';
import { loadContentText, parseContent } from './load-content.js';

const Rule = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    level: Type.Union([Type.Literal('low'), Type.Literal('high')]),
    windowS: Type.Integer({ minimum: 1, default: 60 }),
  },
  { additionalProperties: false },
);

describe('content loading', () => {
  it('fills schema defaults and freezes the result', () => {
    const r = parseContent<{ id: string; windowS: number }>('id: a\nlevel: low\n', 'r.yaml', Rule);
    expect(r.ok && r.value.windowS).toBe(60);
    expect(r.ok && Object.isFrozen(r.value)).toBe(true);
  });

  it('reports every schema problem with its line and lists allowed values', () => {
    const r = parseContent('id: a\nlevel: medium\nwindowS: 0\ncolour: red\n', 'r.yaml', Rule);
    expect(r.ok).toBe(false);
    const lines = !r.ok ? r.problems.map((p) => `${p.line}:${p.path}:${p.message}`) : [];
    expect(lines).toContain('2:/level:must be one of "low", "high"');
    expect(lines.some((l) => l.startsWith('3:/windowS:'))).toBe(true);
    expect(lines).toContain('4:/colour:unknown field "colour"');
  });

  it('rejects duplicate keys rather than keeping the last one', () => {
    const r = parseContent('id: a\nlevel: low\nid: b\n', 'r.yaml', Rule);
    expect(!r.ok && r.problems[0]?.line).toBe(3);
  });

  it('locates semantic problems found after the schema passes', () => {
    const r = parseContent<{ id: string }>('id: forbidden\nlevel: high\n', 'r.yaml', Rule, (v) =>
      v.id === 'forbidden' ? [{ path: '/id', message: 'id is reserved' }] : [],
    );
    expect(!r.ok && r.problems[0]).toMatchObject({ line: 1, message: 'id is reserved' });
  });

  it('throws CG_CONTENT_INVALID naming file and line', () => {
    try {
      loadContentText(': : :\n', 'broken.yaml', Rule);
      expect.unreachable();
    } catch (err) {
      expect(isCityguardError(err, 'CG_CONTENT_INVALID')).toBe(true);
      expect((err as Error).message).toMatch(/^broken\.yaml has \d+ problem/);
    }
  });
});
