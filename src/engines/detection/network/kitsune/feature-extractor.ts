// The Kitsune feature set (Mirsky et al., NDSS 2018, Table I): for each packet, damped statistics
// of packet sizes per source MAC–IP, per source host, per channel (host pair, with 2-D stats
// against the reverse direction), channel jitter (inter-arrival times) and per socket (with 2-D
// stats), each over five decay windows: 23 features × 5 windows = 115 numbers per packet.
import { DampedPairs, DampedStreams, DEFAULT_LAMBDAS } from './damped-stats.js';

/** The packet fields the extractor reads (DecodedPacket from the protocols engine has them all). */
export interface FeaturePacket {
  tsMs: number;
  wireLength: number;
  macSrc: string;
  macDst: string;
  etherType: number;
  ipVersion: number;
  ipSrc: string;
  ipDst: string;
  transport: string;
  srcPort: number;
  dstPort: number;
  payload: Uint8Array;
}

/** Feature groups in vector order with their per-window widths. */
export const FEATURE_GROUPS = [
  { id: 'mac-ip', width: 3, what: 'packets from this MAC and IP address' },
  { id: 'host', width: 3, what: 'packets sent by this host' },
  { id: 'channel', width: 7, what: 'traffic between this pair of hosts' },
  { id: 'jitter', width: 3, what: 'timing between packets of this host pair' },
  { id: 'socket', width: 7, what: 'traffic between these two ports' },
] as const;

const STAT_NAMES = { 3: ['weight', 'mean', 'std'], 7: ['weight', 'mean', 'std', 'magnitude', 'radius', 'covariance', 'correlation'] } as const;
/** Packets between sweeps of streams idle for 10 half-lives of the slowest window. */
const PRUNE_EVERY_PACKETS = 1 << 16;

/** Any per-connection object the caller keeps (the protocols engine's Flow has this slot). */
export interface FeatureCacheSlot {
  featureCache: unknown;
}

interface FlowStreamCache {
  generation: number;
  /** Source MAC the ids were computed for, per direction (client→server, server→client). */
  macs: [string, string];
  ids: [Int32Array, Int32Array];
}

/** Which keys of the last packet had never been seen (before pruning forgot them). */
export interface NoveltyFlags {
  host: boolean;
  channel: boolean;
  socket: boolean;
}

/** Extracts the 115 Kitsune features of each packet in time order. */
export class NetworkFeatureExtractor {
  /** Number of features per packet. */
  readonly size: number;
  /** Human-readable name of each feature (`channel 1 s std`). */
  readonly names: readonly string[];
  /** Novelty of the last packet's host, channel and socket. */
  readonly novelty: NoveltyFlags = { host: false, channel: false, socket: false };
  private readonly sizes: DampedStreams;
  private readonly jitter: DampedStreams;
  private readonly pairs: DampedPairs;
  private readonly out: Float64Array;
  private readonly scratch: Float64Array;
  private readonly k: number;
  private readonly scratchIds = new Int32Array(7);
  private packets = 0;
  /** Bumped when pruning renumbers streams, invalidating ids cached on flows. */
  private generation = 0;

  constructor(lambdas: readonly number[] = DEFAULT_LAMBDAS) {
    this.k = lambdas.length;
    this.sizes = new DampedStreams(lambdas, 4096);
    this.jitter = new DampedStreams(lambdas, 1024);
    this.pairs = new DampedPairs(this.sizes, 2048);
    this.size = FEATURE_GROUPS.reduce((n, g) => n + g.width * this.k, 0);
    this.out = new Float64Array(this.size);
    this.scratch = new Float64Array(3 * this.k);
    this.names = FEATURE_GROUPS.flatMap((g) => lambdas.flatMap((l) => STAT_NAMES[g.width].map((s) => `${g.id} ${windowName(l)} ${s}`)));
  }

  /**
   * Updates the statistics with one packet and returns its features (a reused buffer: copy to keep).
   * With `flow` (any object the caller keeps per connection) the stream ids are cached on it, so
   * packets of a known connection need no key strings and no map lookups.
   */
  extract(p: FeaturePacket, flow?: FeatureCacheSlot, fromClient = true): Float64Array {
    const t = p.tsMs / 1000;
    const x = p.wireLength;
    const ids = flow ? this.cachedIds(p, flow, fromClient) : this.streamIds(p, this.scratchIds);
    const k = this.k;
    const out = this.out;
    const s = this.sizes;
    s.update(ids[0]!, t, x);
    s.write1d(ids[0]!, out, 0);
    this.novelty.host = s.weight(ids[1]!, 0) === 0;
    s.update(ids[1]!, t, x);
    s.write1d(ids[1]!, out, 3 * k);
    this.novelty.channel = this.twoWay(ids[2]!, ids[3]!, t, x, 6 * k);
    const jit = ids[4]!;
    const last = this.jitter.lastTime(jit);
    this.jitter.update(jit, t, last === last ? t - last : 0);
    this.jitter.write1d(jit, out, 13 * k);
    this.novelty.socket = this.twoWay(ids[5]!, ids[6]!, t, x, 16 * k);
    if (++this.packets % PRUNE_EVERY_PACKETS === 0) this.prune(t);
    return out;
  }

  /** Stream ids of a packet, cached per flow and direction; recomputed after pruning or a MAC change. */
  private cachedIds(p: FeaturePacket, flow: FeatureCacheSlot, fromClient: boolean): Int32Array {
    let cache = flow.featureCache as FlowStreamCache | undefined;
    if (!cache || cache.generation !== this.generation) {
      cache = { generation: this.generation, macs: ['', ''], ids: [new Int32Array(7), new Int32Array(7)] };
      flow.featureCache = cache;
    }
    const d = fromClient ? 0 : 1;
    if (cache.macs[d] !== p.macSrc) {
      this.streamIds(p, cache.ids[d]);
      cache.macs[d] = p.macSrc;
    }
    return cache.ids[d];
  }

  /** Looks up (creating) the 7 stream ids of a packet: MAC–IP, host, channel, channel pair, jitter, socket, socket pair. */
  private streamIds(p: FeaturePacket, ids: Int32Array): Int32Array {
    let src = p.ipSrc;
    let dst = p.ipDst;
    let sport: string | number = p.srcPort;
    let dport: string | number = p.dstPort;
    if (p.ipVersion === 0) {
      const arp = p.etherType === 0x0806 && p.payload.length >= 28;
      src = arp ? ipv4At(p.payload, 14) : p.macSrc;
      dst = arp ? ipv4At(p.payload, 24) : p.macDst;
      sport = dport = arp ? 'arp' : 'l2';
    } else if (p.transport !== 'tcp' && p.transport !== 'udp') {
      sport = dport = p.transport;
    }
    const s = this.sizes;
    ids[0] = s.id(`m${p.macSrc}${src}`);
    ids[1] = s.id(`h${src}`);
    ids[2] = s.id(`c${src}>${dst}`);
    ids[3] = this.pairs.id(src < dst ? `c${src}|${dst}` : `c${dst}|${src}`, ids[2], s.id(`c${dst}>${src}`));
    ids[4] = this.jitter.id(`${src}>${dst}`);
    const a = `${src}:${sport}`;
    const b = `${dst}:${dport}`;
    ids[5] = s.id(`s${a}>${b}`);
    ids[6] = this.pairs.id(a < b ? `s${a}|${b}` : `s${b}|${a}`, ids[5], s.id(`s${b}>${a}`));
    return ids;
  }

  /** Updates stream `own` and its pair; writes 7 features per window from `at`; true when `own` was new. */
  private twoWay(own: number, pair: number, t: number, x: number, at: number): boolean {
    const s = this.sizes;
    const fresh = s.weight(own, 0) === 0;
    s.update(own, t, x);
    this.pairs.update(pair, own, t, x);
    const scratch = this.scratch;
    s.write1d(own, scratch, 0);
    for (let i = 0; i < this.k; i++) {
      this.out[at + 7 * i] = scratch[3 * i]!;
      this.out[at + 7 * i + 1] = scratch[3 * i + 1]!;
      this.out[at + 7 * i + 2] = scratch[3 * i + 2]!;
    }
    this.pairs.write2d(pair, own, this.out, at + 3, 7);
    return fresh;
  }

  private prune(t: number): void {
    const minLambda = Math.min(...this.sizes.lambdas);
    const before = t - 10 / minLambda;
    this.jitter.prune(before);
    this.pairs.remap(this.sizes.prune(before));
    this.generation++;
  }
}

function ipv4At(b: Uint8Array, off: number): string {
  return `${b[off]}.${b[off + 1]}.${b[off + 2]}.${b[off + 3]}`;
}

function windowName(lambda: number): string {
  const halfLife = 1 / lambda;
  return halfLife < 1 ? `${Math.round(halfLife * 1000)} ms` : `${halfLife} s`;
}
