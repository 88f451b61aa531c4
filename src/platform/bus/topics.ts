// Bus topics, named area.noun.past-verb. One list so producers and consumers cannot drift apart.
export const TOPICS = {
  eventReceived: 'ingest.event.received',
  alertRaised: 'detection.alert.raised',
  incidentUpdated: 'correlation.incident.updated',
  actionChanged: 'response.action.changed',
} as const;
export type Topic = (typeof TOPICS)[keyof typeof TOPICS];
