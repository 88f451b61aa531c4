// Decodes the PDU of a Modbus response (server → client) by function code (§6). Read responses
// carry no address: it comes from the request with the same transaction id, when one was seen.
import { MEI_READ_DEVICE_ID, MODBUS_EXCEPTIONS } from './constants.js';
import type { ModbusMessage } from './events.js';
import { bits, deviceObjects, fileRecords, lengthProblem, registers, u16 } from './pdu-fields.js';

/** What a response needs to know about its request. */
export interface ModbusRequestInfo {
  functionCode: number;
  address?: number;
  quantity?: number;
  readAddress?: number;
  readQuantity?: number;
}

/** Fills exception fields from an exception response (function code | 0x80, §7). */
export function decodeException(d: Uint8Array, m: ModbusMessage): string | undefined {
  if (d.length !== 1) return lengthProblem(d, 1, 'exception response');
  m.exceptionCode = d[0]!;
  const name = MODBUS_EXCEPTIONS[m.exceptionCode];
  m.exceptionName = name ?? `unknown_${m.exceptionCode}`;
  return name ? undefined : `exception code ${m.exceptionCode} is not defined`;
}

/** Fills response fields of `m` from PDU data `d`, using the request when known. */
export function decodeResponse(d: Uint8Array, m: ModbusMessage, request: ModbusRequestInfo | undefined): string | undefined {
  switch (m.functionCode) {
    case 1:
    case 2:
    case 3:
    case 4:
    case 23:
      return readResponse(d, m, request);
    case 5:
    case 6:
    case 15:
    case 16:
      return echoResponse(d, m);
    case 7:
      if (d.length !== 1) return lengthProblem(d, 1, m.functionName);
      m.values = [d[0]!];
      return undefined;
    case 8:
      if (d.length < 2) return 'diagnostics response without sub-function';
      m.subFunction = u16(d, 0);
      m.data = d.subarray(2);
      return undefined;
    case 11:
      if (d.length !== 4) return lengthProblem(d, 4, m.functionName);
      m.status = u16(d, 0);
      m.eventCount = u16(d, 2);
      return undefined;
    case 12:
      return eventLogResponse(d, m);
    case 17:
      return byteCountResponse(d, m);
    case 20:
      return fileReadResponse(d, m);
    case 21:
    case 22:
      return echoResponse(d, m);
    case 24:
      return fifoResponse(d, m);
    case 43:
      return meiResponse(d, m);
    default:
      m.data = d;
      return undefined;
  }
}

function readResponse(d: Uint8Array, m: ModbusMessage, request: ModbusRequestInfo | undefined): string | undefined {
  if (d.length < 1) return `${m.functionName}: response cut short`;
  m.byteCount = d[0]!;
  if (m.byteCount !== d.length - 1) return `${m.functionName}: byte count ${m.byteCount} but ${d.length - 1} data bytes`;
  const fc = m.functionCode;
  if (request && request.functionCode === fc) {
    m.address = fc === 23 ? request.readAddress : request.address;
    m.quantity = fc === 23 ? request.readQuantity : request.quantity;
  }
  if (fc <= 2) {
    const count = m.quantity !== undefined && m.quantity <= m.byteCount * 8 ? m.quantity : m.byteCount * 8;
    m.values = bits(d, 1, count);
    if (m.quantity !== undefined && m.byteCount !== Math.ceil(m.quantity / 8)) return `${m.functionName}: ${m.byteCount} bytes for ${m.quantity} bits`;
    return undefined;
  }
  if (m.byteCount % 2 !== 0) return `${m.functionName}: odd byte count ${m.byteCount}`;
  m.values = registers(d, 1, m.byteCount / 2);
  if (m.quantity !== undefined && m.byteCount !== 2 * m.quantity) return `${m.functionName}: ${m.byteCount / 2} registers where ${m.quantity} were asked`;
  return undefined;
}

/** Functions 5, 6, 15, 16, 21, 22 answer with (part of) the request. */
function echoResponse(d: Uint8Array, m: ModbusMessage): string | undefined {
  const fc = m.functionCode;
  if (fc === 21) {
    if (d.length < 1) return 'write_file_record: response cut short';
    m.byteCount = d[0]!;
    const { records, problem } = fileRecords(d, 1, d.length, true);
    m.fileRecords = records;
    return problem ?? (m.byteCount === d.length - 1 ? undefined : `write_file_record: byte count ${m.byteCount} but ${d.length - 1} data bytes`);
  }
  const expected = fc === 22 ? 6 : 4;
  if (d.length !== expected) return lengthProblem(d, expected, m.functionName);
  m.address = u16(d, 0);
  if (fc === 22) {
    m.andMask = u16(d, 2);
    m.orMask = u16(d, 4);
  } else if (fc === 5) m.values = [u16(d, 2) === 0xff00 ? 1 : 0];
  else if (fc === 6) m.values = [u16(d, 2)];
  else m.quantity = u16(d, 2);
  return undefined;
}

function eventLogResponse(d: Uint8Array, m: ModbusMessage): string | undefined {
  if (d.length < 7) return 'get_comm_event_log: response cut short';
  m.byteCount = d[0]!;
  m.status = u16(d, 1);
  m.eventCount = u16(d, 3);
  m.messageCount = u16(d, 5);
  m.data = d.subarray(7);
  return m.byteCount === d.length - 1 ? undefined : `get_comm_event_log: byte count ${m.byteCount} but ${d.length - 1} data bytes`;
}

function byteCountResponse(d: Uint8Array, m: ModbusMessage): string | undefined {
  if (d.length < 1) return `${m.functionName}: response cut short`;
  m.byteCount = d[0]!;
  m.data = d.subarray(1);
  return m.byteCount === d.length - 1 ? undefined : `${m.functionName}: byte count ${m.byteCount} but ${d.length - 1} data bytes`;
}

/** Function 20 (§6.14): response length, then per record its length, reference type and registers. */
function fileReadResponse(d: Uint8Array, m: ModbusMessage): string | undefined {
  if (d.length < 1) return 'read_file_record: response cut short';
  m.byteCount = d[0]!;
  if (m.byteCount !== d.length - 1) return `read_file_record: byte count ${m.byteCount} but ${d.length - 1} data bytes`;
  m.fileRecords = [];
  for (let i = 1; i < d.length; ) {
    const len = d[i]!;
    if (len < 1 || i + 1 + len > d.length || len % 2 === 0) return 'read_file_record: sub-response length invalid';
    m.fileRecords.push({ referenceType: d[i + 1]!, fileNumber: 0, recordNumber: 0, recordLength: (len - 1) / 2, values: registers(d, i + 2, (len - 1) / 2) });
    i += 1 + len;
  }
  return undefined;
}

function fifoResponse(d: Uint8Array, m: ModbusMessage): string | undefined {
  if (d.length < 4) return 'read_fifo_queue: response cut short';
  m.byteCount = u16(d, 0);
  m.fifoCount = u16(d, 2);
  if (m.byteCount !== d.length - 2 || m.byteCount !== 2 + 2 * m.fifoCount) return `read_fifo_queue: byte count ${m.byteCount} does not match ${m.fifoCount} values`;
  m.values = registers(d, 4, m.fifoCount);
  return m.fifoCount <= 31 ? undefined : `read_fifo_queue: ${m.fifoCount} values, more than 31`;
}

function meiResponse(d: Uint8Array, m: ModbusMessage): string | undefined {
  if (d.length < 1) return 'encapsulated interface transport response without MEI type';
  m.subFunction = d[0]!;
  if (m.subFunction !== MEI_READ_DEVICE_ID) {
    m.data = d.subarray(1);
    return undefined;
  }
  if (d.length < 6) return 'read_device_identification: response cut short';
  m.readDeviceIdCode = d[1]!;
  m.conformityLevel = d[2]!;
  m.moreFollows = d[3] === 0xff;
  m.nextObjectId = d[4]!;
  const { objects, problem } = deviceObjects(d, 6, d[5]!);
  m.deviceObjects = objects;
  return problem;
}
