// The process detectors at a glance: for each watched process (a water zone), whether it is still
// learning what normal looks like or already watching, how close its last sample came to the alarm
// level, where its notion of normal came from, and the written control rules it holds the process to.
import type { ProcessList, ProcessStatus } from '../../../src/contracts/index.js';
import { useResource } from '../api/use-resource.js';
import { ResourceState } from '../shell/resource-state.js';

/** "watching: last sample at 0.24 of the alarm level", "learning what normal looks like: 45 %", … */
function stateWords(p: ProcessStatus): string {
  const last = p.lastScore === null ? '' : `last sample at ${p.lastScore.toFixed(2)} of the alarm level`;
  if (p.alarmOpen) return last === '' ? 'alarm open' : `alarm open (${last})`;
  const percent = `${Math.floor(p.progress * 100)} %`;
  if (p.phase === 'learning') return `learning what normal looks like: ${percent}`;
  if (p.phase === 'baseline') return `setting its alarm level: ${percent}`;
  return last === '' ? 'watching' : `watching: ${last}`;
}

/** Where normal came from, in plain words; the server's full account is in the tooltip. */
function baselineWords(p: ProcessStatus): string {
  return p.baseline.kind === 'simulated' ? 'Normal was first learned on a simulation of the city.' : 'Normal is learned from this zone’s own readings.';
}

function rulesWords(p: ProcessStatus): string {
  const { given, setAside } = p.controlRules;
  if (given.length === 0) return 'Not checked against written control rules.';
  const used = given.length - setAside.length;
  const aside = setAside.length === 0 ? '' : ` ${setAside.length} set aside because what was learned contradicts them: ${setAside.map((r) => r.source).join('; ')}.`;
  return `Held to ${used} of ${given.length} written control rule${given.length === 1 ? '' : 's'} (pump start and stop levels from the city file).${aside}`;
}

/** Card listing /api/processes. */
export function ProcessWatch() {
  const list = useResource<ProcessList>('/api/processes', { intervalMs: 10_000 });
  return (
    <ResourceState r={list} what="the process detectors">
      {(l) => (
        <>
          {l.prelearning && <p className="muted">Learning on a simulation of the city first; live readings wait.</p>}
          {l.items.length === 0 && <p className="muted">No processes are watched: the city file lists none.</p>}
          <ul className="process-watch">
            {l.items.map((p) => (
              <li key={p.id} data-testid="process" data-process={p.id} data-phase={p.phase} data-alarm={p.alarmOpen ? 'yes' : 'no'}>
                <strong>{p.name.replace(/\s*\(.*\)\s*$/, '')}</strong>: {stateWords(p)}
                <br />
                <span className="muted" title={p.baseline.description}>
                  {baselineWords(p)} {rulesWords(p)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </ResourceState>
  );
}
