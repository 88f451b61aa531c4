// Writes captures: classic pcap (µs) and pcapng with one interface. Used to save what the twin
// speaks and by tests that generate traffic for tshark to check.

/** One packet to write: capture time in ms since the epoch and the link-layer bytes. */
export interface PacketToWrite {
  tsMs: number;
  data: Uint8Array;
}

/** Encodes packets as a little-endian microsecond pcap file. */
export function encodePcap(packets: readonly PacketToWrite[], linkType = 1): Uint8Array {
  const size = 24 + packets.reduce((n, p) => n + 16 + p.data.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, 262144, true);
  view.setUint32(20, linkType, true);
  let off = 24;
  for (const p of packets) {
    const sec = Math.floor(p.tsMs / 1000);
    view.setUint32(off, sec, true);
    view.setUint32(off + 4, Math.round((p.tsMs - sec * 1000) * 1000), true);
    view.setUint32(off + 8, p.data.length, true);
    view.setUint32(off + 12, p.data.length, true);
    out.set(p.data, off + 16);
    off += 16 + p.data.length;
  }
  return out;
}

/** Encodes packets as a pcapng file: one section, one interface, enhanced packet blocks (µs). */
export function encodePcapng(packets: readonly PacketToWrite[], linkType = 1): Uint8Array {
  const blocks: Uint8Array[] = [];
  const shb = block(0x0a0d0d0a, 16, (v) => {
    v.setUint32(8, 0x1a2b3c4d, true);
    v.setUint16(12, 1, true);
    v.setInt32(16, -1, true);
    v.setInt32(20, -1, true);
  });
  blocks.push(shb);
  blocks.push(
    block(0x00000001, 8, (v) => {
      v.setUint16(8, linkType, true);
      v.setUint32(12, 262144, true);
    }),
  );
  for (const p of packets) {
    const padded = (p.data.length + 3) & ~3;
    blocks.push(
      block(0x00000006, 20 + padded, (v, bytes) => {
        const us = Math.round(p.tsMs * 1000);
        v.setUint32(12, Math.floor(us / 4294967296), true);
        v.setUint32(16, us % 4294967296, true);
        v.setUint32(20, p.data.length, true);
        v.setUint32(24, p.data.length, true);
        bytes.set(p.data, 28);
      }),
    );
  }
  const total = blocks.reduce((n, b) => n + b.length, 0);
  const out = new Uint8Array(total);
  let off = 0;
  for (const b of blocks) {
    out.set(b, off);
    off += b.length;
  }
  return out;
}

function block(type: number, bodyBytes: number, fill: (view: DataView, bytes: Uint8Array) => void): Uint8Array {
  const length = 12 + bodyBytes;
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, length, true);
  fill(view, bytes);
  view.setUint32(length - 4, length, true);
  return bytes;
}
