// ARP constants (RFC 826; IANA ARP parameters).

/** EtherType of ARP. */
export const ETHERTYPE_ARP = 0x0806;
/** Hardware type Ethernet and protocol type IPv4: the only pairing decoded. */
export const ARP_HTYPE_ETHERNET = 1;
export const ARP_PTYPE_IPV4 = 0x0800;
/** Bytes of an Ethernet/IPv4 ARP packet. */
export const ARP_IPV4_BYTES = 28;
/** Operation codes. */
export const ARP_OPERATIONS: Readonly<Record<number, string>> = { 1: 'request', 2: 'reply', 3: 'rarp_request', 4: 'rarp_reply' };
