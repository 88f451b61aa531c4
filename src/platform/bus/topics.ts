// Bus topics, named area.noun.past-verb. One list so producers and consumers cannot drift apart.
export const TOPICS = {
  eventReceived: 'ingest.event.received',
  alertRaised: 'detection.alert.raised',
  incidentUpdated: 'correlation.incident.updated',
  actionChanged: 'response.action.changed',
  /** Events forwarded by detection workers to the partition where a rule spanning assets runs. */
  eventRouted: 'detection.event.routed',
} as const;
export type Topic = (typeof TOPICS)[keyof typeof TOPICS];
