// MQTT constants (MQTT 3.1.1 OASIS Standard §2; MQTT 5.0 §2.1.2).

/** Control packet types (fixed header bits 7–4). */
export const MQTT_PACKET_TYPES: Readonly<Record<number, string>> = {
  1: 'connect',
  2: 'connack',
  3: 'publish',
  4: 'puback',
  5: 'pubrec',
  6: 'pubrel',
  7: 'pubcomp',
  8: 'subscribe',
  9: 'suback',
  10: 'unsubscribe',
  11: 'unsuback',
  12: 'pingreq',
  13: 'pingresp',
  14: 'disconnect',
  15: 'auth',
};
/** Packet types whose fixed-header flags must be 0b0010 (§2.2.2); all others but PUBLISH need 0. */
export const MQTT_FLAGS_0010 = new Set([6, 8, 10]);
/** Protocol level of MQTT 5.0 in CONNECT; 4 is 3.1.1 and 3 is 3.1. */
export const MQTT_LEVEL_5 = 5;
/** Packet types that carry a packet identifier right after the fixed header. */
export const MQTT_WITH_PACKET_ID = new Set([4, 5, 6, 7, 8, 9, 10, 11]);
