// CPU time of processes from /proc, so a benchmark can charge each part of the path (producer,
// workers, NATS, PostgreSQL) with the CPU it spent per event — steadier than wall-clock rates on a
// machine shared with other jobs. Returns 0 where /proc is absent.
import { readdirSync, readFileSync } from 'node:fs';

const USER_HZ = 100;

/** CPU microseconds (user + system) used so far by one process. */
export function pidCpuUs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / USER_HZ; // utime, stime (stat fields 14, 15)
  } catch {
    return 0;
  }
}

/** CPU microseconds used so far by every process whose name (comm) is `comm`. */
export function commCpuUs(comm: string): number {
  let total = 0;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm) total += pidCpuUs(Number(pid));
      } catch {
        // the process ended while we looked
      }
    }
  } catch {
    return 0;
  }
  return total;
}

/** The machine's 1-minute load average, for the report. */
export function loadAverage(): number {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return Number.NaN;
  }
}
