import { describe, expect, it } from 'vitest';
import { isCityguardError } from '../../../domain/index.js';
import { controlRulesFor, readEpanetControls } from './epanet-controls.js';

const INP = `[TITLE]
test network

[CONTROLS]
; ----------- Tank 1 ---------------
LINK          PU1 OPEN IF   NODE          T1            BELOW          4
LINK          PU1 CLOSED IF NODE          T1            ABOVE          6.3 ; stop level
link v2 closed if node t2 above .5
LINK PU3 OPEN AT TIME 6
LINK PU3 1.5 IF NODE T3 BELOW 2

[RULES]
LINK PU9 OPEN IF NODE T9 BELOW 1
`;

function problemOf(text: string): string {
  try {
    readEpanetControls(text, 'net.inp');
  } catch (err) {
    if (isCityguardError(err) && err.code === 'CG_CONTROLS_INVALID') return err.message;
    throw err;
  }
  throw new Error('expected CG_CONTROLS_INVALID');
}

describe('EPANET level controls', () => {
  it('reads level controls of the [CONTROLS] section with their line numbers, any case, comments stripped', () => {
    const { controls, skipped } = readEpanetControls(INP, 'net.inp');
    expect(controls).toEqual([
      { link: 'PU1', state: 1, node: 'T1', when: 'below', threshold: 4, line: 6 },
      { link: 'PU1', state: 0, node: 'T1', when: 'above', threshold: 6.3, line: 7 },
      { link: 'v2', state: 0, node: 't2', when: 'above', threshold: 0.5, line: 8 },
    ]);
    expect(skipped).toEqual([
      { line: 9, reason: 'a time-based control, not a level control' },
      { line: 10, reason: 'sets link PU3 to the setting 1.5, not open or closed' },
    ]);
  });

  it('maps links to S_<id> or <id> columns and nodes to L_<id> or <id>, skipping controls without columns', () => {
    const { controls } = readEpanetControls(INP, 'net.inp');
    const { rules, skipped } = controlRulesFor(controls, ['L_T1', 'S_PU1', 'v2'], 'net.inp');
    expect(rules).toEqual([
      { status: 'S_PU1', state: 1, reading: 'L_T1', when: 'below', threshold: 4, source: 'net.inp line 6' },
      { status: 'S_PU1', state: 0, reading: 'L_T1', when: 'above', threshold: 6.3, source: 'net.inp line 7' },
    ]);
    expect(skipped).toEqual([{ line: 8, reason: 'no column for node t2 (L_t2 or t2)' }]);
  });

  it('names every malformed line', () => {
    const bad = '[CONTROLS]\nLINK PU1 OPEN IF NODE T1 BELOW four\nLINK PU1 AJAR IF NODE T1 BELOW 4\nPUMP PU1 ON\nLINK PU1 OPEN IF NODE T1 BELOW 0x10\n';
    const message = problemOf(bad);
    expect(message).toContain('net.inp:2: the level "four" is not a number');
    expect(message).toContain('net.inp:5: the level "0x10" is not a number');
    expect(message).toContain('net.inp:3: the status "AJAR" is not OPEN, CLOSED or a number');
    expect(message).toContain('net.inp:4: not an EPANET control: "PUMP PU1 ON"');
  });

  it('says when there is no [CONTROLS] section or no level control in it', () => {
    expect(problemOf('[TITLE]\nx\n')).toContain('net.inp: no [CONTROLS] section');
    expect(problemOf('[CONTROLS]\nLINK PU3 OPEN AT TIME 6\n')).toContain('has no level controls');
    expect(problemOf('')).toContain('no [CONTROLS] section');
  });
});
