// Just enough MQTT 3.1.1 encoding for the bench's load generator (OASIS MQTT 3.1.1 §3.1 CONNECT,
// §3.3 PUBLISH): packets are built as bytes so generating load costs little next to the broker.

/** Remaining-length field (§2.2.3): 7 bits per byte, high bit set while more follow. */
function remainingLength(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

function str(s: string): Buffer {
  const b = Buffer.from(s, 'utf8');
  const out = Buffer.allocUnsafe(2 + b.length);
  out.writeUInt16BE(b.length, 0);
  b.copy(out, 2);
  return out;
}

/** CONNECT with clean session, keep-alive off, and optional username and password. */
export function connectPacket(clientId: string, username?: string, password?: string): Buffer {
  const flags = 0x02 | (username !== undefined ? 0x80 : 0) | (password !== undefined ? 0x40 : 0);
  const variable = Buffer.concat([str('MQTT'), Buffer.from([4, flags, 0, 0])]);
  const payload = Buffer.concat([str(clientId), ...(username !== undefined ? [str(username)] : []), ...(password !== undefined ? [str(password)] : [])]);
  const body = Buffer.concat([variable, payload]);
  return Buffer.concat([Buffer.from([0x10, ...remainingLength(body.length)]), body]);
}

/** PUBLISH at QoS 0. */
export function publishPacket(topic: Buffer, payload: string): Buffer {
  const p = Buffer.from(payload, 'utf8');
  const len = 2 + topic.length + p.length;
  const head = remainingLength(len);
  const out = Buffer.allocUnsafe(1 + head.length + len);
  out[0] = 0x30;
  for (let i = 0; i < head.length; i++) out[1 + i] = head[i]!;
  let at = 1 + head.length;
  out.writeUInt16BE(topic.length, at);
  topic.copy(out, at + 2);
  at += 2 + topic.length;
  p.copy(out, at);
  return out;
}
