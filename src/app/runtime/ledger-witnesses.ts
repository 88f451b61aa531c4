// Witnesses of the runtime's ledger: the configured ones (run elsewhere with `cityguard witness
// serve`) and, in the demo, one started in this process with its own key and state directory —
// standing in for a neighbouring department's. On the checkpoint schedule a checkpoint is signed
// and offered for cosigning; what each witness last did is kept for the API and metrics.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RuntimeConfig } from '../../domain/index.js';
import {
  formatVerifierKey,
  parseVerifierKey,
  serveWitness,
  Witness,
  WitnessCosigning,
  type Ledger,
  type NotePublicKey,
  type WitnessAlarm,
  type WitnessEndpoint,
  type WitnessServer,
} from '../../engines/ledger/index.js';
import type { Logger } from '../../platform/log/index.js';

/** What one witness last did for this log. */
export interface WitnessStatus {
  name: string;
  vkey: string;
  url: string;
  inProcess: boolean;
  lastCosignedSize: number;
  lastCosignedTs?: number;
  lastError?: string;
  lastErrorTs?: number;
}

/** Cosigning rounds against every witness of the ledger. */
export class LedgerWitnessing {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> = Promise.resolve();
  private readonly statuses: WitnessStatus[];
  private alarms: WitnessAlarm[] = [];

  private constructor(
    private readonly ledger: Ledger,
    private readonly endpoints: WitnessEndpoint[],
    private readonly cosigning: WitnessCosigning | undefined,
    private readonly local: WitnessServer | undefined,
    private readonly log: Logger,
    inProcess: string | undefined,
  ) {
    this.statuses = endpoints.map((e) => ({
      name: e.key.name,
      vkey: formatVerifierKey(e.key),
      url: e.url,
      inProcess: e.key.name === inProcess,
      lastCosignedSize: 0,
    }));
  }

  /** Opens the in-process witness when configured and starts the cosigning schedule. */
  static async start(ledger: Ledger, settings: RuntimeConfig['ledger'], log: Logger): Promise<LedgerWitnessing> {
    const endpoints: WitnessEndpoint[] = settings.witnesses.map((w) => ({ url: w.url, key: parseVerifierKey(w.vkey) }));
    let local: WitnessServer | undefined;
    const ref: { self?: LedgerWitnessing } = {};
    const own = settings.inProcessWitness;
    if (own) {
      if (!existsSync(join(own.stateDir, 'witness.key'))) await Witness.init(own.stateDir, own.name);
      const witness = await Witness.open({ stateDir: own.stateDir, logs: [ledger.logKey], onAlarm: (a) => ref.self?.alarm(a) });
      local = await serveWitness(witness, own.stateDir, own.host, own.port);
      endpoints.push({ url: local.url, key: witness.key });
      log.info({ witness: witness.verifierKey, url: local.url }, 'in-process ledger witness listening');
    }
    const cosigning = endpoints.length > 0 ? new WitnessCosigning(ledger, endpoints, { timeoutMs: 10_000 }) : undefined;
    const self = new LedgerWitnessing(ledger, endpoints, cosigning, local, log, own?.name);
    ref.self = self;
    // With witnesses, each scheduled checkpoint is signed and cosigned in one round, so the latest
    // checkpoint carries its cosignatures (the ledger's own checkpoint timer is then off).
    if (cosigning && settings.checkpointEveryMs > 0) {
      self.timer = setInterval(() => void self.cosignNow(), settings.checkpointEveryMs);
      self.timer.unref();
    }
    return self;
  }

  /** The keys of every witness asked to cosign. */
  keys(): NotePublicKey[] {
    return this.endpoints.map((e) => e.key);
  }

  /** What each witness last did. */
  status(): WitnessStatus[] {
    return this.statuses.map((s) => ({ ...s }));
  }

  /** Forks and rollbacks the in-process witness refused since start. */
  refusals(): WitnessAlarm[] {
    return [...this.alarms];
  }

  /** Runs one cosigning round now (after any running one); resolves when it is over. */
  cosignNow(): Promise<void> {
    if (!this.cosigning) return Promise.resolve();
    this.round = this.round.then(() => this.runRound());
    return this.round;
  }

  /** Stops the schedule, finishes a running round and closes the in-process witness. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.round;
    await this.local?.close();
  }

  private async runRound(): Promise<void> {
    if (this.ledger.size === 0) return;
    const size = this.ledger.size;
    if (this.statuses.every((s) => s.lastCosignedSize >= size)) return;
    try {
      const result = await this.cosigning!.cosignLatest();
      const now = Date.now();
      for (const s of this.statuses) {
        const failure = result.failures.find((f) => f.witness === s.name);
        if (failure) Object.assign(s, { lastError: failure.error, lastErrorTs: now });
        else if (result.witnessedBy.includes(s.name)) Object.assign(s, { lastCosignedSize: size, lastCosignedTs: now });
      }
      for (const f of result.failures) this.log.warn({ witness: f.witness, error: f.error }, 'a ledger witness did not cosign');
    } catch (err) {
      this.log.error({ err }, 'ledger cosigning round failed');
    }
  }

  private alarm(alarm: WitnessAlarm): void {
    this.alarms.push(alarm);
    this.log.error({ origin: alarm.origin, kind: alarm.kind, detail: alarm.detail }, 'the in-process ledger witness refused a checkpoint');
  }
}
