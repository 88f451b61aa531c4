// Modbus Application Protocol V1.1b3 constants: public function codes (§6), exception codes (§7)
// and the MBAP header of Modbus/TCP (Modbus Messaging on TCP/IP V1.0b §3.1.3).

/** TCP port of Modbus/TCP servers. */
export const MODBUS_TCP_PORT = 502;
/** MBAP header: transaction id, protocol id, length, unit id. */
export const MBAP_HEADER_BYTES = 7;
/** Largest MBAP length field: unit id plus a 253-byte PDU. */
export const MBAP_MAX_LENGTH = 254;

/** What a function does, for baselines that watch commands rather than numbers. */
export type ModbusOperation = 'read' | 'write' | 'read-write' | 'diagnostic' | 'file' | 'identify' | 'other';

/** One public function code. */
export interface ModbusFunction {
  name: string;
  operation: ModbusOperation;
}

/** Public function codes (Modbus Application Protocol V1.1b3 §6.1–6.21). */
export const MODBUS_FUNCTIONS: Readonly<Record<number, ModbusFunction>> = {
  1: { name: 'read_coils', operation: 'read' },
  2: { name: 'read_discrete_inputs', operation: 'read' },
  3: { name: 'read_holding_registers', operation: 'read' },
  4: { name: 'read_input_registers', operation: 'read' },
  5: { name: 'write_single_coil', operation: 'write' },
  6: { name: 'write_single_register', operation: 'write' },
  7: { name: 'read_exception_status', operation: 'diagnostic' },
  8: { name: 'diagnostics', operation: 'diagnostic' },
  11: { name: 'get_comm_event_counter', operation: 'diagnostic' },
  12: { name: 'get_comm_event_log', operation: 'diagnostic' },
  15: { name: 'write_multiple_coils', operation: 'write' },
  16: { name: 'write_multiple_registers', operation: 'write' },
  17: { name: 'report_server_id', operation: 'identify' },
  20: { name: 'read_file_record', operation: 'file' },
  21: { name: 'write_file_record', operation: 'file' },
  22: { name: 'mask_write_register', operation: 'write' },
  23: { name: 'read_write_multiple_registers', operation: 'read-write' },
  24: { name: 'read_fifo_queue', operation: 'read' },
  43: { name: 'encapsulated_interface_transport', operation: 'identify' },
};

/** Exception codes (§7). */
export const MODBUS_EXCEPTIONS: Readonly<Record<number, string>> = {
  1: 'illegal_function',
  2: 'illegal_data_address',
  3: 'illegal_data_value',
  4: 'server_device_failure',
  5: 'acknowledge',
  6: 'server_device_busy',
  8: 'memory_parity_error',
  10: 'gateway_path_unavailable',
  11: 'gateway_target_failed_to_respond',
};

/** Diagnostics sub-function 0x01 restarts the device's communications (§6.8.1). */
export const DIAG_RESTART_COMMUNICATIONS = 0x01;
/** MEI type 14 of function 43: Read Device Identification (§6.21). */
export const MEI_READ_DEVICE_ID = 14;
/** MEI type 13 of function 43: CANopen General Reference (§6.20). */
export const MEI_CANOPEN = 13;

/** Quantity limits of requests (§6.1–6.4, 6.11, 6.12, 6.17). */
export const MODBUS_LIMITS = {
  readBits: 2000,
  readRegisters: 125,
  writeBits: 1968,
  writeRegisters: 123,
  readWriteWriteRegisters: 121,
} as const;

/** Name of a function code; user-defined or unknown codes get a descriptive name. */
export function modbusFunctionName(code: number): string {
  const known = MODBUS_FUNCTIONS[code];
  if (known) return known.name;
  if ((code >= 65 && code <= 72) || (code >= 100 && code <= 110)) return `user_defined_${code}`;
  return `unknown_${code}`;
}
