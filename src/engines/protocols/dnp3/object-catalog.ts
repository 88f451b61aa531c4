// The DNP3 object groups and variations decoded point by point (IEEE 1815-2012 Annex A), each
// with its data layout. Objects not listed are skipped when their size is known from a
// free-format prefix, else decoding of the fragment stops there with a problem.

/**
 * Data layout of one point:
 * bits1/bits2 packed 1- or 2-bit values; flags a flags octet (state in bit 7);
 * value types i16/i32/u16/u32/f32/f64, with a leading flags octet when `flags` is set,
 * a trailing 48-bit time when `time` is set, a trailing status octet when `status` is set;
 * crob a control relay output block; time48 a 6-octet absolute time; octets a string of `variation` octets.
 */
export interface ObjectLayout {
  name: string;
  kind: 'bits1' | 'bits2' | 'flags' | 'value' | 'crob' | 'time48' | 'time48+interval' | 'reltime16' | 'octets' | 'none';
  value?: 'i16' | 'i32' | 'u16' | 'u32' | 'f32' | 'f64';
  flags?: boolean;
  time?: boolean;
  status?: boolean;
  /** Octets of `reltime16` after the flags (g2v3, g4v3). */
  relTime?: boolean;
  /** Double-bit state in flag bits 7–6 (groups 3 and 4) instead of a single bit 7. */
  doubleBit?: boolean;
}

const f = (name: string, value: ObjectLayout['value'], flags: boolean, time = false): ObjectLayout => ({ name, kind: 'value', value, flags, time });
const ao = (name: string, value: ObjectLayout['value']): ObjectLayout => ({ name, kind: 'value', value, status: true });

const CATALOG: Record<number, ObjectLayout> = {
  0x0101: { name: 'binary_input_packed', kind: 'bits1' },
  0x0102: { name: 'binary_input_flags', kind: 'flags' },
  0x0201: { name: 'binary_input_event', kind: 'flags' },
  0x0202: { name: 'binary_input_event_time', kind: 'flags', time: true },
  0x0203: { name: 'binary_input_event_reltime', kind: 'flags', relTime: true },
  0x0301: { name: 'double_bit_input_packed', kind: 'bits2' },
  0x0302: { name: 'double_bit_input_flags', kind: 'flags', doubleBit: true },
  0x0401: { name: 'double_bit_input_event', kind: 'flags', doubleBit: true },
  0x0402: { name: 'double_bit_input_event_time', kind: 'flags', time: true, doubleBit: true },
  0x0403: { name: 'double_bit_input_event_reltime', kind: 'flags', relTime: true, doubleBit: true },
  0x0a01: { name: 'binary_output_packed', kind: 'bits1' },
  0x0a02: { name: 'binary_output_status', kind: 'flags' },
  0x0b01: { name: 'binary_output_event', kind: 'flags' },
  0x0b02: { name: 'binary_output_event_time', kind: 'flags', time: true },
  0x0c01: { name: 'crob', kind: 'crob' },
  0x0c02: { name: 'pattern_control_block', kind: 'crob' },
  0x0c03: { name: 'pattern_mask', kind: 'bits1' },
  0x0d01: { name: 'binary_command_event', kind: 'flags' },
  0x0d02: { name: 'binary_command_event_time', kind: 'flags', time: true },
  0x1401: f('counter_32_flags', 'u32', true),
  0x1402: f('counter_16_flags', 'u16', true),
  0x1403: f('delta_counter_32_flags', 'u32', true),
  0x1404: f('delta_counter_16_flags', 'u16', true),
  0x1405: f('counter_32', 'u32', false),
  0x1406: f('counter_16', 'u16', false),
  0x1407: f('delta_counter_32', 'u32', false),
  0x1408: f('delta_counter_16', 'u16', false),
  0x1501: f('frozen_counter_32_flags', 'u32', true),
  0x1502: f('frozen_counter_16_flags', 'u16', true),
  0x1505: f('frozen_counter_32_flags_time', 'u32', true, true),
  0x1506: f('frozen_counter_16_flags_time', 'u16', true, true),
  0x1509: f('frozen_counter_32', 'u32', false),
  0x150a: f('frozen_counter_16', 'u16', false),
  0x1601: f('counter_event_32_flags', 'u32', true),
  0x1602: f('counter_event_16_flags', 'u16', true),
  0x1605: f('counter_event_32_flags_time', 'u32', true, true),
  0x1606: f('counter_event_16_flags_time', 'u16', true, true),
  0x1701: f('frozen_counter_event_32_flags', 'u32', true),
  0x1702: f('frozen_counter_event_16_flags', 'u16', true),
  0x1705: f('frozen_counter_event_32_flags_time', 'u32', true, true),
  0x1706: f('frozen_counter_event_16_flags_time', 'u16', true, true),
  0x1e01: f('analog_input_32_flags', 'i32', true),
  0x1e02: f('analog_input_16_flags', 'i16', true),
  0x1e03: f('analog_input_32', 'i32', false),
  0x1e04: f('analog_input_16', 'i16', false),
  0x1e05: f('analog_input_float_flags', 'f32', true),
  0x1e06: f('analog_input_double_flags', 'f64', true),
  0x1f01: f('frozen_analog_input_32_flags', 'i32', true),
  0x1f02: f('frozen_analog_input_16_flags', 'i16', true),
  0x1f03: f('frozen_analog_input_32_flags_time', 'i32', true, true),
  0x1f04: f('frozen_analog_input_16_flags_time', 'i16', true, true),
  0x1f05: f('frozen_analog_input_32', 'i32', false),
  0x1f06: f('frozen_analog_input_16', 'i16', false),
  0x1f07: f('frozen_analog_input_float_flags', 'f32', true),
  0x1f08: f('frozen_analog_input_double_flags', 'f64', true),
  0x2001: f('analog_event_32_flags', 'i32', true),
  0x2002: f('analog_event_16_flags', 'i16', true),
  0x2003: f('analog_event_32_flags_time', 'i32', true, true),
  0x2004: f('analog_event_16_flags_time', 'i16', true, true),
  0x2005: f('analog_event_float_flags', 'f32', true),
  0x2006: f('analog_event_double_flags', 'f64', true),
  0x2007: f('analog_event_float_flags_time', 'f32', true, true),
  0x2008: f('analog_event_double_flags_time', 'f64', true, true),
  0x2201: f('analog_deadband_16', 'u16', false),
  0x2202: f('analog_deadband_32', 'u32', false),
  0x2203: f('analog_deadband_float', 'f32', false),
  0x2801: f('analog_output_status_32', 'i32', true),
  0x2802: f('analog_output_status_16', 'i16', true),
  0x2803: f('analog_output_status_float', 'f32', true),
  0x2804: f('analog_output_status_double', 'f64', true),
  0x2901: ao('analog_output_32', 'i32'),
  0x2902: ao('analog_output_16', 'i16'),
  0x2903: ao('analog_output_float', 'f32'),
  0x2904: ao('analog_output_double', 'f64'),
  0x2a01: f('analog_output_event_32', 'i32', true),
  0x2a02: f('analog_output_event_16', 'i16', true),
  0x2a03: f('analog_output_event_32_time', 'i32', true, true),
  0x2a04: f('analog_output_event_16_time', 'i16', true, true),
  0x2a05: f('analog_output_event_float', 'f32', true),
  0x2a06: f('analog_output_event_double', 'f64', true),
  0x2a07: f('analog_output_event_float_time', 'f32', true, true),
  0x2a08: f('analog_output_event_double_time', 'f64', true, true),
  0x2b01: f('analog_command_event_32', 'i32', true),
  0x2b02: f('analog_command_event_16', 'i16', true),
  0x2b03: f('analog_command_event_32_time', 'i32', true, true),
  0x2b04: f('analog_command_event_16_time', 'i16', true, true),
  0x2b05: f('analog_command_event_float', 'f32', true),
  0x2b06: f('analog_command_event_double', 'f64', true),
  0x2b07: f('analog_command_event_float_time', 'f32', true, true),
  0x2b08: f('analog_command_event_double_time', 'f64', true, true),
  0x3201: { name: 'time_and_date', kind: 'time48' },
  0x3202: { name: 'time_and_date_interval', kind: 'time48+interval' },
  0x3203: { name: 'time_and_date_last_recorded', kind: 'time48' },
  0x3301: { name: 'time_and_date_cto', kind: 'time48' },
  0x3302: { name: 'time_and_date_cto_unsynchronized', kind: 'time48' },
  0x3401: f('time_delay_coarse', 'u16', false),
  0x3402: f('time_delay_fine', 'u16', false),
  0x3c01: { name: 'class_0_data', kind: 'none' },
  0x3c02: { name: 'class_1_data', kind: 'none' },
  0x3c03: { name: 'class_2_data', kind: 'none' },
  0x3c04: { name: 'class_3_data', kind: 'none' },
  0x5001: { name: 'internal_indications', kind: 'bits1' },
};

/** Layout of group/variation, or undefined when not in the catalogue. Octet strings (g110–113) take their size from the variation. */
export function objectLayout(group: number, variation: number): ObjectLayout | undefined {
  if (group >= 110 && group <= 113 && variation > 0) return { name: `octet_string_g${group}`, kind: 'octets' };
  return CATALOG[(group << 8) | variation];
}

/** Every catalogued group/variation with its point size in octets (0 = packed or no data); octet strings excluded. */
export function dnp3ObjectCatalog(): (ObjectLayout & { group: number; variation: number; pointBytes: number })[] {
  return Object.entries(CATALOG).map(([key, layout]) => {
    const gv = Number(key);
    return { ...layout, group: gv >> 8, variation: gv & 0xff, pointBytes: pointBytes(layout, gv & 0xff) };
  });
}

/** Octets of one point of a fixed-size layout (0 for packed and empty layouts). */
export function pointBytes(layout: ObjectLayout, variation: number): number {
  switch (layout.kind) {
    case 'bits1':
    case 'bits2':
    case 'none':
      return 0;
    case 'flags':
      return 1 + (layout.time ? 6 : 0) + (layout.relTime ? 2 : 0);
    case 'crob':
      return 11;
    case 'time48':
      return 6;
    case 'time48+interval':
      return 10;
    case 'reltime16':
      return 2;
    case 'octets':
      return variation;
    case 'value':
      return (layout.flags ? 1 : 0) + VALUE_BYTES[layout.value!] + (layout.time ? 6 : 0) + (layout.status ? 1 : 0);
  }
}

const VALUE_BYTES = { i16: 2, u16: 2, i32: 4, u32: 4, f32: 4, f64: 8 } as const;
