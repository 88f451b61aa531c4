// How response reaches the simulated city in a drill: device commands on the twin's `cmd` channel
// (through the real DeviceCommander), credentials handed to twin devices, the twin's firewall as
// the OpenC2 consumer (full HTTPS envelope, in process), and a drill log in place of e-mail, webhooks
// and tickets — a drill must not page real people, but what it would have sent is reported.
import type { CommandTransport } from '../../engines/ingest/index.js';
import {
  openc2Envelope,
  openc2ResponseOf,
  type CredentialHandover,
  type Notification,
  type NotificationPort,
  type OpenC2Command,
  type OpenC2Port,
  type OpenC2Response,
  type Ticket,
  type TicketPort,
} from '../response/index.js';
import type { CityTwin, DirectDeviceTransport, OpenC2Firewall } from '../twin/index.js';

/** Publishes commands straight onto the twin's devices, as the broker would deliver them. */
export class TwinCommandTransport implements CommandTransport {
  constructor(private readonly transport: DirectDeviceTransport) {}

  async publish(topic: string, payload: Buffer): Promise<void> {
    const assetId = topic.split('/')[3]; // city/<district>/<kind>/<assetId>/cmd
    if (assetId) this.transport.sendCommand(assetId, JSON.parse(payload.toString('utf8')) as unknown);
  }
}

/** Hands a new credential to the simulated device, which reconnects with it. */
export class TwinHandover implements CredentialHandover {
  constructor(private readonly twin: CityTwin) {}

  async deliver(assetId: string): Promise<string> {
    this.twin.reconnectDevice(assetId);
    return `installed on the device, which reconnected (drill)`;
  }
}

/** The twin's firewalls behind the OpenC2 HTTPS envelope, in process. */
export class TwinOpenC2 implements OpenC2Port {
  constructor(
    private readonly firewall: OpenC2Firewall,
    private readonly now: () => number,
  ) {}

  async send(command: OpenC2Command): Promise<OpenC2Response> {
    const reply = openc2ResponseOf(this.firewall.handle(JSON.parse(JSON.stringify(openc2Envelope(command, 'cityguard-drill', this.now())))));
    return reply ?? { status: 500, status_text: 'no response' };
  }
}

/** One notice or ticket the drill would have sent. */
export interface DrillMessage {
  ts: number;
  kind: 'notice' | 'stand-down' | 'ticket-open' | 'ticket-close';
  to: string;
  subject: string;
}

/** Records what would have gone out. */
export class DrillLog implements NotificationPort, TicketPort {
  readonly messages: DrillMessage[] = [];

  constructor(private readonly now: () => number) {}

  async send(n: Notification): Promise<string> {
    const to = n.recipients.map((r) => r.email ?? r.role).join(', ');
    this.messages.push({ ts: this.now(), kind: n.kind, to, subject: n.subject });
    return `drill: would notify ${to}`;
  }

  async open(t: Ticket): Promise<string> {
    this.messages.push({ ts: this.now(), kind: 'ticket-open', to: t.queue, subject: t.title });
    return `drill: would open ticket ${t.ref} in ${t.queue}`;
  }

  async close(ref: string, note: string): Promise<string> {
    this.messages.push({ ts: this.now(), kind: 'ticket-close', to: ref, subject: note });
    return `drill: would close ticket ${ref}`;
  }
}
