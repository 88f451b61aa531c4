// DNS constants (RFC 1035 §3.2, §4.1; IANA DNS parameters).

/** Header bytes. */
export const DNS_HEADER_BYTES = 12;
/** Record types decoded to text; others keep their number. */
export const DNS_TYPES: Readonly<Record<number, string>> = {
  1: 'A',
  2: 'NS',
  5: 'CNAME',
  6: 'SOA',
  12: 'PTR',
  15: 'MX',
  16: 'TXT',
  28: 'AAAA',
  33: 'SRV',
  41: 'OPT',
  65: 'HTTPS',
  255: 'ANY',
};
/** Response codes (RFC 1035 §4.1.1, RFC 6895). */
export const DNS_RCODES: Readonly<Record<number, string>> = {
  0: 'NOERROR',
  1: 'FORMERR',
  2: 'SERVFAIL',
  3: 'NXDOMAIN',
  4: 'NOTIMP',
  5: 'REFUSED',
};
/** Most compression pointers followed in one name before it is called a loop. */
export const DNS_MAX_POINTER_HOPS = 32;
