// Typed Modbus/TCP messages, one per application data unit, as the decoder hands them on.
import type { MessageMeta } from '../message-meta.js';
import type { ModbusOperation } from './constants.js';

/** One record of Read/Write File Record (function 20/21, §6.14–6.15). */
export interface ModbusFileRecord {
  /** Reference type; always 6 in valid traffic. */
  referenceType: number;
  fileNumber: number;
  recordNumber: number;
  /** Record length in 16-bit registers. */
  recordLength: number;
  /** Register values written (request of 21, both sides) or read (response of 20). */
  values?: number[];
}

/** One object of Read Device Identification (function 43/14, §6.21). */
export interface ModbusDeviceIdObject {
  id: number;
  /** Object value as text (vendor name, product code, revision, ...). */
  value: string;
}

/** One Modbus/TCP application data unit. Fields absent when the function does not carry them. */
export interface ModbusMessage {
  protocol: 'modbus';
  meta: MessageMeta;
  /** Request (client → server) or response (server → client). */
  direction: 'request' | 'response';
  /** MBAP transaction identifier, pairs a response with its request. */
  transactionId: number;
  /** MBAP protocol identifier; 0 for Modbus. */
  protocolId: number;
  /** Unit identifier (the device behind a gateway; 255 or 0 when addressed directly). */
  unitId: number;
  /** Function code without the exception bit. */
  functionCode: number;
  /** Snake-case name of the function (`write_single_coil`, `user_defined_65`, ...). */
  functionName: string;
  /** What the function does. */
  operation: ModbusOperation;
  /** Exception code of an exception response (function code with bit 0x80 set). */
  exceptionCode?: number;
  exceptionName?: string;
  /** First data address (0-based, as on the wire); for responses taken from the matching request. */
  address?: number;
  /** Number of coils, inputs or registers. */
  quantity?: number;
  /** Byte count field, where the PDU has one. */
  byteCount?: number;
  /** Register values (0–65535) or bit values (0/1) written by a request or returned by a response. */
  values?: number[];
  /** Function 23: read part (address/quantity hold the write part). */
  readAddress?: number;
  readQuantity?: number;
  /** Function 22: AND and OR masks. */
  andMask?: number;
  orMask?: number;
  /** Function 8: diagnostic sub-function; function 43: MEI type. */
  subFunction?: number;
  /** Function 43/14: read device id code and object id; objects in the response. */
  readDeviceIdCode?: number;
  objectId?: number;
  conformityLevel?: number;
  moreFollows?: boolean;
  nextObjectId?: number;
  deviceObjects?: ModbusDeviceIdObject[];
  /** Function 20/21 records. */
  fileRecords?: ModbusFileRecord[];
  /** Function 24: FIFO count; values hold the queue. Function 11/12: event count and status. */
  fifoCount?: number;
  status?: number;
  eventCount?: number;
  messageCount?: number;
  /** Bytes the function carries that are not otherwise decoded (diagnostic data, server id, event log, CANopen). */
  data?: Uint8Array;
  /** Transaction id matched a request of this connection (responses only). */
  matchedRequest?: boolean;
}
