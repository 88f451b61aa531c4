// Wires response into the running platform: incidents from the bus go to the response engine,
// whose actuators reach the world through ingest's device commander and registry, the configured
// OpenC2 endpoint, SMTP relay, webhook and ticket folder. Action changes go out on the bus
// (`response.action.changed`); incident changes amend the correlator, are stored and published.
// The response configuration lives in the store once an admin changes it through the API.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ResponseSettings, type Action, type Alert, type CityModel, type Incident, type Playbook, type RuntimeConfig } from '../../domain/index.js';
import type { Correlator } from '../../engines/detection/index.js';
import type { IngestService } from '../../engines/ingest/index.js';
import {
  buildActuators,
  ChannelNotifier,
  ContinuityModel,
  FileCredentialHandover,
  FileTicketSink,
  HttpOpenC2Client,
  IncidentDesk,
  loadPlaybooks,
  ResponseEngine,
  SmtpClient,
  WebhookTicketSink,
  type ActuatorSet,
  type DeviceCommandPort,
} from '../../operations/response/index.js';
import { TOPICS, type Bus, type Subscription } from '../../platform/bus/index.js';
import type { Clock } from '../../platform/clock/index.js';
import { loadContentText } from '../../platform/content/index.js';
import type { Logger } from '../../platform/log/index.js';
import type { Store } from '../../platform/store/index.js';
import { responseRoutes } from '../api/routes/response-routes.js';
import { contentPath } from './paths.js';

const SETTINGS_NS = 'response';
const SETTINGS_KEY = 'settings';

/** What the stage is built from. */
export interface ResponseStageOptions {
  config: RuntimeConfig;
  bus: Bus;
  store: Store;
  city: CityModel;
  clock: Clock;
  log: Logger;
  ingest: IngestService;
  /** The correlation stage's correlator, so people's changes survive later alerts. */
  correlator: Correlator;
  /** Rule ids playbook triggers may name. */
  detectors: readonly string[];
}

/** Incidents in, actions out. */
export class ResponseStage {
  readonly engine: ResponseEngine;
  readonly desk: IncidentDesk;
  readonly continuity: ContinuityModel;
  /** The playbooks loaded at start, for the generated plans. */
  readonly playbooks: readonly Playbook[];
  private settings: ResponseSettings;
  private actuators: ActuatorSet;
  private subscription?: Subscription;
  private readonly listeners = new Set<(a: Action) => void>();

  constructor(private readonly o: ResponseStageOptions) {
    this.settings = o.config.response ?? loadContentText<ResponseSettings>('{}', 'response defaults', ResponseSettings);
    this.actuators = this.buildActuators();
    this.continuity = new ContinuityModel(o.city);
    this.desk = new IncidentDesk({
      incidents: o.store.incidents,
      clock: o.clock,
      live: o.correlator,
      onChanged: (i) => o.bus.publish(TOPICS.incidentUpdated, i, { key: i.id, id: `${i.id}@${i.updatedTs}:${i.timeline.length}` }),
    });
    const playbooks = loadPlaybooks(this.settings.playbooks ?? contentPath('playbooks'), { detectors: new Set(o.detectors) }).playbooks;
    this.playbooks = playbooks;
    // Actuators are looked up per call so a configuration change applies to the next action.
    const current = () => this.actuators;
    const live = Object.fromEntries(
      Object.keys(this.actuators).map((k) => {
        const kind = k as keyof ActuatorSet;
        return [kind, { perform: (a: Action) => current()[kind].perform(a), undo: (a: Action) => current()[kind].undo(a), describe: (a: Action) => current()[kind].describe(a) }];
      }),
    ) as unknown as ActuatorSet;
    this.engine = new ResponseEngine({
      city: o.city,
      clock: o.clock,
      actions: o.store.actions,
      desk: this.desk,
      continuity: this.continuity,
      playbooks,
      actuators: live,
      dryRun: this.settings.dryRun,
      onActionChanged: (a) => this.announce(a),
    });
  }

  /** Loads stored settings, re-arms stored actions' timers and starts listening. */
  async start(): Promise<void> {
    const stored = await this.o.store.state.get<ResponseSettings>(SETTINGS_NS, SETTINGS_KEY);
    if (stored) this.apply(stored);
    await this.engine.restore();
    this.subscription = this.o.bus.subscribe<Incident>(TOPICS.incidentUpdated, (batch) => this.handle(batch), {
      group: 'respond',
      maxBatch: 64,
      capacity: 10_000,
      overflow: 'block',
    });
    // Incidents opened while response was not listening (start-up, restart) get their playbooks too.
    const open = (await this.o.store.incidents.list({ limit: 1000 })).items.filter((i) => i.status !== 'closed' && i.status !== 'recovered');
    await this.handle(open);
  }

  async stop(): Promise<void> {
    await this.subscription?.unsubscribe();
    this.engine.stop();
    await this.engine.whenIdle();
  }

  /** The API routes of response, for buildApi's `extraRoutes`. */
  routes(): (app: FastifyInstance) => void {
    return responseRoutes({
      engine: this.engine,
      desk: this.desk,
      continuity: this.continuity,
      store: this.o.store,
      city: this.o.city,
      clock: this.o.clock,
      settings: {
        get: () => this.settings,
        set: async (next) => {
          this.apply(next);
          await this.o.store.state.put(SETTINGS_NS, SETTINGS_KEY, next);
          this.o.log.warn({ openc2: !!next.openc2, smtp: !!next.smtp, webhook: !!next.webhook }, 'response configuration changed');
        },
      },
      actionFeed: {
        subscribe: (l) => {
          this.listeners.add(l);
          return () => this.listeners.delete(l);
        },
      },
    });
  }

  private apply(next: ResponseSettings): void {
    this.settings = next;
    this.actuators = this.buildActuators();
  }

  private async handle(batch: readonly Incident[]): Promise<void> {
    const latest = new Map(batch.map((i) => [i.id, i]));
    for (const published of latest.values()) {
      const incident = await this.keepAmendments(published);
      const alerts = (await Promise.all(incident.alertIds.map((id) => this.o.store.alerts.get(id)))).filter((a): a is Alert => a !== undefined);
      try {
        const made = await this.engine.handleIncident(incident, alerts);
        if (made.length > 0) this.o.log.info({ incident: incident.id, actions: made.map((a) => `${a.kind} ${a.target.id}`) }, 'response proposed actions');
      } catch (err) {
        this.o.log.error({ err, incident: incident.id }, 'response could not handle an incident');
      }
    }
  }

  /**
   * The correlation stage stores the copy it made when an alert arrived; when people or response
   * changed the incident meanwhile (status, assignee, timeline), that copy is stale. The
   * correlator's live copy has every change, so it is written again.
   */
  private async keepAmendments(published: Incident): Promise<Incident> {
    const live = this.o.correlator.get(published.id);
    if (!live || (live.status === published.status && live.assignee === published.assignee && live.timeline.length <= published.timeline.length)) return published;
    await this.o.store.incidents.upsert(live);
    await this.o.bus.publish(TOPICS.incidentUpdated, live, { key: live.id, id: `${live.id}@${live.updatedTs}:${live.timeline.length}` });
    return live;
  }

  private async announce(a: Action): Promise<void> {
    for (const l of this.listeners) l(a);
    await this.o.bus.publish(TOPICS.actionChanged, a, { key: a.incidentId ?? a.id, id: `${a.id}@${a.status}:${a.approvals.length}` }).catch((err: unknown) => this.o.log.warn({ err }, 'could not publish an action change'));
  }

  private buildActuators(): ActuatorSet {
    const s = this.settings;
    const dataDir = this.o.config.dataDir;
    const commander = this.o.ingest.commander;
    const commands: DeviceCommandPort = commander ?? {
      sendAndWait: async () => ({ result: 'error', reason: 'no MQTT broker is configured, so devices cannot be commanded' }),
    };
    const token = s.openc2?.tokenEnv ? process.env[s.openc2.tokenEnv] : undefined;
    return buildActuators({
      city: this.o.city,
      commands,
      credentials: this.o.ingest.registry,
      handover: new FileCredentialHandover(join(dataDir, 'credentials')),
      ...(s.openc2 ? { openc2: new HttpOpenC2Client({ url: s.openc2.url, timeoutMs: s.openc2.timeoutMs, ...(token ? { token } : {}) }) } : {}),
      notifications: new ChannelNotifier({
        ...(s.smtp ? { smtp: new SmtpClient({ host: s.smtp.host, port: s.smtp.port, from: s.smtp.from, heloName: s.smtp.heloName, timeoutMs: s.smtp.timeoutMs }) } : {}),
        ...(s.webhook ? { webhook: { url: s.webhook.url, timeoutMs: s.webhook.timeoutMs } } : {}),
      }),
      tickets: s.tickets.webhookUrl ? new WebhookTicketSink(s.tickets.webhookUrl) : new FileTicketSink(s.tickets.dir ?? join(dataDir, 'tickets'), () => this.o.clock.now()),
    });
  }
}
