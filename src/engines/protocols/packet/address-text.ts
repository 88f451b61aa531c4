// Text forms of link and network addresses, cached: a capture repeats the same few addresses
// millions of times, and building strings per packet would dominate decoding time.

const CACHE_LIMIT = 65_536;
const ipv4Cache = new Map<number, string>();
const macCache = new Map<number, string>();

/** Dotted-quad text of the IPv4 address at `off`. */
export function ipv4Text(b: Uint8Array, off: number): string {
  const key = ((b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) >>> 0;
  let text = ipv4Cache.get(key);
  if (text === undefined) {
    text = `${b[off]}.${b[off + 1]}.${b[off + 2]}.${b[off + 3]}`;
    if (ipv4Cache.size >= CACHE_LIMIT) ipv4Cache.clear();
    ipv4Cache.set(key, text);
  }
  return text;
}

/** Lower-case colon-separated text of the MAC address at `off`. */
export function macText(b: Uint8Array, off: number): string {
  const key = b[off]! * 0x10000000000 + ((b[off + 1]! << 24) | (b[off + 2]! << 16) | (b[off + 3]! << 8) | b[off + 4]!) * 0x100 + b[off + 5]!;
  let text = macCache.get(key);
  if (text === undefined) {
    const parts: string[] = [];
    for (let i = 0; i < 6; i++) parts.push(b[off + i]!.toString(16).padStart(2, '0'));
    text = parts.join(':');
    if (macCache.size >= CACHE_LIMIT) macCache.clear();
    macCache.set(key, text);
  }
  return text;
}

/** RFC 5952 text of the IPv6 address at `off`: lower case, longest zero run (≥ 2 groups) as "::". */
export function ipv6Text(b: Uint8Array, off: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push((b[off + 2 * i]! << 8) | b[off + 2 * i + 1]!);
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}
