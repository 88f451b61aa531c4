// The people who approve in an `auto` drill: each configured approver answers every action that
// waits for approval after their own delay, so the run completes with the approvals real people
// would give — and the engine still enforces roles and two different people.
import type { Action, DrillApprover } from '../../domain/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { ResponseEngine } from '../response/index.js';

/** Two operators on call: the shift lead answers in 2 minutes, the second engineer in 4. */
export const DEFAULT_DRILL_APPROVERS: readonly DrillApprover[] = [
  { user: 'drill-shift-lead', role: 'operator', delayS: 120 },
  { user: 'drill-duty-engineer', role: 'operator', delayS: 240 },
];

/** Schedules approvals on the drill clock for every action that starts waiting. */
export class DrillApprovers {
  private readonly scheduled = new Set<string>();

  constructor(
    private readonly engine: ResponseEngine,
    private readonly clock: Clock,
    private readonly approvers: readonly DrillApprover[] = DEFAULT_DRILL_APPROVERS,
  ) {}

  /** Call with every action change. */
  onAction(a: Action): void {
    if (a.status !== 'awaiting-approval' || this.scheduled.has(a.id)) return;
    this.scheduled.add(a.id);
    for (const p of this.approvers.slice(0, Math.max(a.requiredApprovals.count, 1))) {
      this.clock.after(p.delayS * 1000, () => {
        // The action may have run, expired or been undone meanwhile; then there is nothing to approve.
        this.engine.approve(a.id, { user: p.user, role: p.role }, 'drill approver').catch(() => undefined);
      });
    }
  }
}
