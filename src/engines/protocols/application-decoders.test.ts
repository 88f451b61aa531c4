// MQTT, DNS and ARP decoders on traffic built byte by byte.
import { describe, expect, it } from 'vitest';
import { decodeCapture } from '../../../test/fixtures/captures/decode-capture.js';
import { TrafficBuilder } from '../../../test/fixtures/captures/traffic-builder.js';
import { encodePcap } from './capture/capture-writer.js';
import type { MqttMessage } from './mqtt/events.js';

const sensor = { mac: '02:00:00:00:00:21', ip: '10.9.0.21', port: 50000 };
const broker = { mac: '02:00:00:00:00:01', ip: '10.9.0.1', port: 1883 };
const text = (s: string) => [s.length >> 8, s.length & 0xff, ...[...s].map((c) => c.charCodeAt(0))];

describe('MQTT decoder', () => {
  it('decodes connect, publish split over two segments, subscribe and disconnect without keeping the password', () => {
    const b = new TrafficBuilder();
    const c = b.connect(sensor, broker);
    const connectBody = [...text('MQTT'), 4, 0xc2, 0, 60, ...text('pump-7'), ...text('ops'), ...text('s3cret')];
    c.send(true, Uint8Array.from([0x10, connectBody.length, ...connectBody]));
    c.send(false, Uint8Array.from([0x20, 2, 0, 0]));
    const publishBody = [...text('city/water/pump-7'), 0, 5, 0x7b, 0x7d];
    c.send(true, Uint8Array.from([0x32, publishBody.length, ...publishBody]), [6]);
    c.send(true, Uint8Array.from([0x82, 8, 0, 6, ...text('a/#'), 1]));
    c.send(true, Uint8Array.from([0xe0, 0]));
    const d = decodeCapture(encodePcap(b.packets));
    const m = d.messages as MqttMessage[];
    expect(m.map((x) => x.packetTypeName)).toEqual(['connect', 'connack', 'publish', 'subscribe', 'disconnect']);
    expect(m[0]).toMatchObject({ clientId: 'pump-7', username: 'ops', passwordPresent: true, keepAliveS: 60, protocolLevel: 4 });
    expect(JSON.stringify(m[0], (_k, v) => (v instanceof Uint8Array ? undefined : v))).not.toContain('s3cret');
    expect(m[2]).toMatchObject({ topic: 'city/water/pump-7', qos: 1, packetId: 5 });
    expect(Array.from(m[2]!.payload!)).toEqual([0x7b, 0x7d]);
    expect(m[3]!.filters).toEqual([{ filter: 'a/#', qos: 1 }]);
    expect(d.counts['mqtt']).toEqual({ messages: 5, errors: 0 });
  });

  it('reports a publish with QoS 3', () => {
    const b = new TrafficBuilder();
    b.connect(sensor, broker).send(true, Uint8Array.from([0x36, 5, ...text('t'), 0, 1]));
    expect(decodeCapture(encodePcap(b.packets)).anomalies.map((a) => a.reason)).toEqual(['publish with QoS 3']);
  });
});

describe('DNS decoder', () => {
  it('decodes a query and a compressed answer', () => {
    const b = new TrafficBuilder();
    const client = { ...sensor, port: 40000 };
    const server = { ...broker, port: 53 };
    const name = [4, ...'scada'.slice(0, 4)].map((c) => (typeof c === 'string' ? c.charCodeAt(0) : c));
    const q = [...name, 4, ...[...'city'].map((c) => c.charCodeAt(0)), 0, 0, 1, 0, 1];
    b.udp(client, server, Uint8Array.from([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, ...q]));
    b.udp(server, client, Uint8Array.from([0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0, ...q, 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 9, 0, 5]));
    const d = decodeCapture(encodePcap(b.packets));
    expect(d.messages.map((m) => (m.protocol === 'dns' ? [m.response, m.questions, m.answers] : []))).toEqual([
      [false, [{ name: 'scad.city', type: 'A' }], []],
      [true, [{ name: 'scad.city', type: 'A' }], [{ name: 'scad.city', type: 'A', ttl: 60, data: '10.9.0.5' }]],
    ]);
  });

  it('reports a compression loop instead of following it', () => {
    const b = new TrafficBuilder();
    b.udp({ ...sensor, port: 40000 }, { ...broker, port: 53 }, Uint8Array.from([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1]));
    expect(decodeCapture(encodePcap(b.packets)).anomalies.map((a) => a.reason)).toEqual(['DNS question 1 of 1 cut short or malformed']);
  });
});

describe('ARP decoder', () => {
  it('decodes who-has and is-at with sender and target addresses', () => {
    const b = new TrafficBuilder();
    b.arp(1, sensor, broker);
    b.arp(2, broker, sensor);
    const d = decodeCapture(encodePcap(b.packets));
    expect(d.messages.map((m) => (m.protocol === 'arp' ? [m.operation, m.senderIp, m.senderMac, m.targetIp] : []))).toEqual([
      ['request', sensor.ip, sensor.mac, broker.ip],
      ['reply', broker.ip, broker.mac, sensor.ip],
    ]);
  });
});
