// ATT&CK for ICS vocabulary as the domain needs it: technique ids and tactic names.
// The technique table itself is content (content/attack-ics), loaded by the detection engine.
import Type, { type Static } from 'typebox';

/** ATT&CK for ICS technique id, e.g. T0855. */
export const TechniqueId = Type.String({ pattern: '^T0[89][0-9]{2}$', description: 'ATT&CK for ICS technique id' });
export type TechniqueId = Static<typeof TechniqueId>;

/** ATT&CK for ICS tactics in kill-chain order; an incident's stage is the furthest reached. */
export const ICS_TACTICS = [
  'initial-access',
  'execution',
  'persistence',
  'privilege-escalation',
  'evasion',
  'discovery',
  'lateral-movement',
  'collection',
  'command-and-control',
  'inhibit-response-function',
  'impair-process-control',
  'impact',
] as const;
export type IcsTactic = (typeof ICS_TACTICS)[number];
export const IcsTactic = Type.Enum(ICS_TACTICS);

/** Plain-language label of a tactic for people who are not security experts. */
export const TACTIC_PLAIN: Readonly<Record<IcsTactic, string>> = {
  'initial-access': 'getting in',
  execution: 'running their tools',
  persistence: 'staying in',
  'privilege-escalation': 'gaining more rights',
  evasion: 'hiding',
  discovery: 'looking around',
  'lateral-movement': 'moving towards control systems',
  collection: 'gathering process data',
  'command-and-control': 'remote-controlling what they took',
  'inhibit-response-function': 'disabling safety and recovery',
  'impair-process-control': 'tampering with control of the process',
  impact: 'disrupting the service',
};

/** Position of a tactic in the kill chain (0 = initial access). */
export function tacticRank(t: IcsTactic): number {
  return ICS_TACTICS.indexOf(t);
}
