// Decodes the PDU of a Modbus request (client → server) by function code (§6).
import { MEI_CANOPEN, MEI_READ_DEVICE_ID, MODBUS_LIMITS } from './constants.js';
import type { ModbusMessage } from './events.js';
import { bits, fileRecords, lengthProblem, registers, u16 } from './pdu-fields.js';

/** Fills request fields of `m` from PDU data `d`; returns a problem sentence when the PDU breaks the specification. */
export function decodeRequest(d: Uint8Array, m: ModbusMessage): string | undefined {
  const fc = m.functionCode;
  switch (fc) {
    case 1:
    case 2:
      return readRequest(d, m, MODBUS_LIMITS.readBits);
    case 3:
    case 4:
      return readRequest(d, m, MODBUS_LIMITS.readRegisters);
    case 5:
    case 6:
      return writeSingle(d, m);
    case 7:
    case 11:
    case 12:
    case 17:
      return lengthProblem(d, 0, m.functionName);
    case 8:
      if (d.length < 2) return 'diagnostics request without sub-function';
      m.subFunction = u16(d, 0);
      m.data = d.subarray(2);
      return undefined;
    case 15:
    case 16:
      return writeMultiple(d, m);
    case 20:
    case 21:
      return fileRequest(d, m);
    case 22:
      if (d.length !== 6) return lengthProblem(d, 6, m.functionName);
      m.address = u16(d, 0);
      m.andMask = u16(d, 2);
      m.orMask = u16(d, 4);
      return undefined;
    case 23:
      return readWriteRequest(d, m);
    case 24:
      if (d.length !== 2) return lengthProblem(d, 2, m.functionName);
      m.address = u16(d, 0);
      return undefined;
    case 43:
      return meiRequest(d, m);
    default:
      m.data = d;
      return undefined;
  }
}

function readRequest(d: Uint8Array, m: ModbusMessage, limit: number): string | undefined {
  if (d.length !== 4) return lengthProblem(d, 4, m.functionName);
  m.address = u16(d, 0);
  m.quantity = u16(d, 2);
  if (m.quantity < 1 || m.quantity > limit) return `${m.functionName}: quantity ${m.quantity} outside 1–${limit}`;
  if (m.address + m.quantity > 65536) return `${m.functionName}: addresses run past 65535`;
  return undefined;
}

function writeSingle(d: Uint8Array, m: ModbusMessage): string | undefined {
  if (d.length !== 4) return lengthProblem(d, 4, m.functionName);
  m.address = u16(d, 0);
  const value = u16(d, 2);
  if (m.functionCode === 6) {
    m.values = [value];
    return undefined;
  }
  m.values = [value === 0xff00 ? 1 : 0];
  return value === 0xff00 || value === 0 ? undefined : `write_single_coil: value 0x${value.toString(16)} is neither 0xFF00 nor 0x0000`;
}

function writeMultiple(d: Uint8Array, m: ModbusMessage): string | undefined {
  if (d.length < 5) return `${m.functionName}: request cut short`;
  m.address = u16(d, 0);
  m.quantity = u16(d, 2);
  m.byteCount = d[4]!;
  const coils = m.functionCode === 15;
  const limit = coils ? MODBUS_LIMITS.writeBits : MODBUS_LIMITS.writeRegisters;
  const expected = coils ? Math.ceil(m.quantity / 8) : 2 * m.quantity;
  if (m.byteCount !== d.length - 5) return `${m.functionName}: byte count ${m.byteCount} but ${d.length - 5} data bytes`;
  if (m.quantity < 1 || m.quantity > limit) return `${m.functionName}: quantity ${m.quantity} outside 1–${limit}`;
  if (m.byteCount !== expected) return `${m.functionName}: byte count ${m.byteCount} does not match quantity ${m.quantity}`;
  m.values = coils ? bits(d, 5, m.quantity) : registers(d, 5, m.quantity);
  return undefined;
}

function fileRequest(d: Uint8Array, m: ModbusMessage): string | undefined {
  if (d.length < 1) return `${m.functionName}: request cut short`;
  m.byteCount = d[0]!;
  if (m.byteCount !== d.length - 1) return `${m.functionName}: byte count ${m.byteCount} but ${d.length - 1} data bytes`;
  const { records, problem } = fileRecords(d, 1, d.length, m.functionCode === 21);
  m.fileRecords = records;
  return problem;
}

function readWriteRequest(d: Uint8Array, m: ModbusMessage): string | undefined {
  if (d.length < 9) return 'read_write_multiple_registers: request cut short';
  m.readAddress = u16(d, 0);
  m.readQuantity = u16(d, 2);
  m.address = u16(d, 4);
  m.quantity = u16(d, 6);
  m.byteCount = d[8]!;
  if (m.byteCount !== d.length - 9 || m.byteCount !== 2 * m.quantity) {
    return `read_write_multiple_registers: byte count ${m.byteCount} does not match ${m.quantity} registers in ${d.length - 9} bytes`;
  }
  m.values = registers(d, 9, m.quantity);
  if (m.readQuantity < 1 || m.readQuantity > MODBUS_LIMITS.readRegisters) return `read quantity ${m.readQuantity} outside 1–125`;
  if (m.quantity < 1 || m.quantity > MODBUS_LIMITS.readWriteWriteRegisters) return `write quantity ${m.quantity} outside 1–121`;
  return undefined;
}

function meiRequest(d: Uint8Array, m: ModbusMessage): string | undefined {
  if (d.length < 1) return 'encapsulated interface transport without MEI type';
  m.subFunction = d[0]!;
  if (m.subFunction === MEI_READ_DEVICE_ID) {
    if (d.length !== 3) return lengthProblem(d, 3, 'read_device_identification');
    m.readDeviceIdCode = d[1]!;
    m.objectId = d[2]!;
    return m.readDeviceIdCode >= 1 && m.readDeviceIdCode <= 4 ? undefined : `read device id code ${m.readDeviceIdCode} outside 1–4`;
  }
  m.data = d.subarray(1);
  return m.subFunction === MEI_CANOPEN ? undefined : `MEI type ${m.subFunction} is neither 13 nor 14`;
}
