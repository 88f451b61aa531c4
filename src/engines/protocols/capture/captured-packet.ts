// What a capture reader hands on: one captured packet, and how reading ended.

/** Link-layer header types (tcpdump.org/linktypes.html) the packet decoder understands. */
export const LINKTYPE = {
  null: 0,
  ethernet: 1,
  raw: 101,
  linuxSll: 113,
  ipv4: 228,
  ipv6: 229,
  linuxSll2: 276,
} as const;

/** One packet as the capture recorded it. `data` is a view that stays valid (readers never reuse buffers). */
export interface CapturedPacket {
  /** 1-based position in the capture, as Wireshark numbers frames. */
  number: number;
  /** Capture time in milliseconds since the epoch (fractional: µs or ns resolution kept). */
  tsMs: number;
  /** Link-layer header type of the interface that captured it. */
  linkType: number;
  /** The captured bytes (may be fewer than `originalLength` when the snap length cut them). */
  data: Uint8Array;
  /** Length of the packet on the wire in bytes. */
  originalLength: number;
  /** pcapng interface id; 0 for classic pcap. */
  interfaceId: number;
}

/** Where and why reading stopped early; every packet before `atPacket` was delivered. */
export interface CaptureStop {
  code: 'CG_CAPTURE_TRUNCATED' | 'CG_CAPTURE_CORRUPT';
  /** Number the first unreadable packet would have had. */
  atPacket: number;
  /** Byte offset in the capture where the damaged record starts. */
  offsetBytes: number;
  /** A sentence for the operator: what was wrong and what was kept. */
  message: string;
}

/** How a capture was read. */
export interface CaptureSummary {
  format: 'pcap' | 'pcapng' | 'empty';
  /** Packets delivered. */
  packets: number;
  /** Bytes of the capture consumed, headers included. */
  bytes: number;
  /** Set when the capture was cut short or damaged; absent when it ended cleanly. */
  stop?: CaptureStop;
}
