// Prometheus metrics of device end-to-end encryption, read at scrape time: envelopes opened,
// device messages refused by reason, alerts raised for them, and devices by enrollment status.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { DeviceSecurityStage } from './device-security-stage.js';

/** Registers the metrics of device end-to-end encryption (once per registry). */
export function registerDeviceSecurityMetrics(registry: Registry, stage: DeviceSecurityStage): void {
  new Counter({
    name: 'cityguard_device_envelopes_opened_total',
    help: 'sealed device messages authenticated and decrypted',
    registers: [registry],
    collect(this: Counter) {
      this.reset();
      this.inc(stage.envelopeStats().opened);
    },
  });
  new Counter<'reason'>({
    name: 'cityguard_device_messages_refused_total',
    help: 'device messages refused under end-to-end encryption, by reason (forged, replayed, stale, wrongly keyed, plaintext …)',
    labelNames: ['reason'],
    registers: [registry],
    collect(this: Counter<'reason'>) {
      this.reset();
      for (const [reason, n] of Object.entries(stage.refusals)) this.inc({ reason }, n ?? 0);
    },
  });
  new Counter({
    name: 'cityguard_device_security_alerts_total',
    help: 'alerts raised for refused device messages (one per device and reason per window)',
    registers: [registry],
    collect(this: Counter) {
      this.reset();
      this.inc(stage.alertsRaised);
    },
  });
  new Gauge<'status'>({
    name: 'cityguard_devices_enrolled',
    help: 'devices known to device security, by status',
    labelNames: ['status'],
    registers: [registry],
    collect(this: Gauge<'status'>) {
      this.reset();
      const list = stage.registry.list();
      this.set({ status: 'active' }, list.filter((d) => d.status === 'active').length);
      this.set({ status: 'revoked' }, list.filter((d) => d.status === 'revoked').length);
    },
  });
}
