// The effect of one action kind: carry it out, undo it, and say what it would do (dry runs, approvers).
import type { Action, ActionKind, Scalar } from '../../../domain/index.js';

/** What carrying out an action produced: a plain-language result and values undo will need. */
export interface ActuatorResult {
  text: string;
  params?: Record<string, Scalar>;
}

/** One action kind's effect on the world. Failures throw CG_RESPONSE_* errors. */
export interface Actuator {
  perform(action: Action): Promise<ActuatorResult>;
  undo(action: Action): Promise<string>;
  describe(action: Action): string;
}

/** An actuator for every action kind. */
export type ActuatorSet = Readonly<Record<ActionKind, Actuator>>;

/** The actor recorded by devices for commands response sends; alerts it causes are not acted on again. */
export const RESPONSE_ACTOR = 'cityguard-response';
