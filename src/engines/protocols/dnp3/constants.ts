// DNP3 constants (IEEE 1815-2012): link functions (§9.2.4.1.3), application function codes
// (§4.2.2.5), internal indications (§4.2.2.7), qualifier codes (§4.2.2.6.3).

/** TCP and UDP port of DNP3 (IEEE 1815 Annex E). */
export const DNP3_PORT = 20000;
/** Link frame start octets 0x05 0x64. */
export const DNP3_START_0 = 0x05;
export const DNP3_START_1 = 0x64;
/** Header bytes including the header CRC; user data comes in blocks of 16 bytes + 2 CRC bytes. */
export const DNP3_HEADER_BYTES = 10;
export const DNP3_BLOCK_BYTES = 16;
/** Largest application fragment reassembled (IEEE 1815 §8.2.4: 2048 octets is the usual maximum). */
export const DNP3_MAX_FRAGMENT_BYTES = 4096;

/** Primary-station link functions (PRM = 1). */
export const DNP3_LINK_PRIMARY: Readonly<Record<number, string>> = {
  0: 'reset_link_states',
  2: 'test_link_states',
  3: 'confirmed_user_data',
  4: 'unconfirmed_user_data',
  9: 'request_link_status',
};
/** Secondary-station link functions (PRM = 0). */
export const DNP3_LINK_SECONDARY: Readonly<Record<number, string>> = {
  0: 'ack',
  1: 'nack',
  11: 'link_status',
  15: 'not_supported',
};

/** What an application function does, for baselines watching commands. */
export type Dnp3Operation = 'read' | 'write' | 'control' | 'freeze' | 'restart' | 'application' | 'file' | 'time' | 'config' | 'auth' | 'confirm' | 'response';

/** Application function codes: name and operation class. */
export const DNP3_FUNCTIONS: Readonly<Record<number, { name: string; operation: Dnp3Operation }>> = {
  0: { name: 'confirm', operation: 'confirm' },
  1: { name: 'read', operation: 'read' },
  2: { name: 'write', operation: 'write' },
  3: { name: 'select', operation: 'control' },
  4: { name: 'operate', operation: 'control' },
  5: { name: 'direct_operate', operation: 'control' },
  6: { name: 'direct_operate_nr', operation: 'control' },
  7: { name: 'immed_freeze', operation: 'freeze' },
  8: { name: 'immed_freeze_nr', operation: 'freeze' },
  9: { name: 'freeze_clear', operation: 'freeze' },
  10: { name: 'freeze_clear_nr', operation: 'freeze' },
  11: { name: 'freeze_at_time', operation: 'freeze' },
  12: { name: 'freeze_at_time_nr', operation: 'freeze' },
  13: { name: 'cold_restart', operation: 'restart' },
  14: { name: 'warm_restart', operation: 'restart' },
  15: { name: 'initialize_data', operation: 'restart' },
  16: { name: 'initialize_appl', operation: 'application' },
  17: { name: 'start_appl', operation: 'application' },
  18: { name: 'stop_appl', operation: 'application' },
  19: { name: 'save_config', operation: 'config' },
  20: { name: 'enable_unsolicited', operation: 'config' },
  21: { name: 'disable_unsolicited', operation: 'config' },
  22: { name: 'assign_class', operation: 'config' },
  23: { name: 'delay_measure', operation: 'time' },
  24: { name: 'record_current_time', operation: 'time' },
  25: { name: 'open_file', operation: 'file' },
  26: { name: 'close_file', operation: 'file' },
  27: { name: 'delete_file', operation: 'file' },
  28: { name: 'get_file_info', operation: 'file' },
  29: { name: 'authenticate_file', operation: 'file' },
  30: { name: 'abort_file', operation: 'file' },
  31: { name: 'activate_config', operation: 'config' },
  32: { name: 'authenticate_req', operation: 'auth' },
  33: { name: 'auth_req_no_ack', operation: 'auth' },
  129: { name: 'response', operation: 'response' },
  130: { name: 'unsolicited_response', operation: 'response' },
  131: { name: 'authenticate_resp', operation: 'response' },
};

/** Request functions whose object headers carry no data (reads, freezes, class assignments). */
export const DNP3_HEADERS_ONLY = new Set([1, 7, 8, 9, 10, 20, 21, 22]);

/** Internal indication bits, IIN1 in the high byte as on the wire order (IIN1.0 = 0x0100). */
export const DNP3_IIN_FLAGS: readonly [number, string][] = [
  [0x0100, 'broadcast'],
  [0x0200, 'class_1_events'],
  [0x0400, 'class_2_events'],
  [0x0800, 'class_3_events'],
  [0x1000, 'need_time'],
  [0x2000, 'local_control'],
  [0x4000, 'device_trouble'],
  [0x8000, 'device_restart'],
  [0x0001, 'no_func_code_support'],
  [0x0002, 'object_unknown'],
  [0x0004, 'parameter_error'],
  [0x0008, 'event_buffer_overflow'],
  [0x0010, 'already_executing'],
  [0x0020, 'config_corrupt'],
  [0x0040, 'reserved_2'],
  [0x0080, 'reserved_1'],
];

/** Control code operation types of a CROB (g12v1, §A.8.1). */
export const DNP3_CROB_OPERATIONS: Readonly<Record<number, string>> = {
  0: 'nul',
  1: 'pulse_on',
  2: 'pulse_off',
  3: 'latch_on',
  4: 'latch_off',
};
/** Trip-close codes of a CROB. */
export const DNP3_CROB_TRIP_CLOSE: Readonly<Record<number, string>> = { 0: 'nul', 1: 'close', 2: 'trip', 3: 'reserved' };
