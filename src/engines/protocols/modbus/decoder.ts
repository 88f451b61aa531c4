// Modbus/TCP decoder: frames each direction of a connection with MBAP lengths, decodes requests
// and responses, and pairs responses with requests by transaction id so read values get addresses.
import type { DecodeContext } from '../message-meta.js';
import { PduFramer } from '../flow/pdu-framer.js';
import { MODBUS_FUNCTIONS, modbusFunctionName } from './constants.js';
import type { ModbusMessage } from './events.js';
import { mbapLength, mbapResync, parseModbusFrame } from './frame.js';
import { decodeRequest } from './pdu-request.js';
import { decodeException, decodeResponse, type ModbusRequestInfo } from './pdu-response.js';

/** Requests remembered per connection while waiting for their responses. */
const MAX_OUTSTANDING = 256;

/** Decodes one whole ADU; `request` is the matching request for a response. Returns the message and any problem. */
export function decodeModbusAdu(
  adu: Uint8Array,
  direction: 'request' | 'response',
  meta: ModbusMessage['meta'],
  request?: ModbusRequestInfo,
): { message: ModbusMessage; problem: string | undefined } {
  const f = parseModbusFrame(adu);
  const functionCode = f.rawFunctionCode & 0x7f;
  const exception = direction === 'response' && (f.rawFunctionCode & 0x80) !== 0;
  const message: ModbusMessage = {
    protocol: 'modbus',
    meta,
    direction,
    transactionId: f.transactionId,
    protocolId: f.protocolId,
    unitId: f.unitId,
    functionCode,
    functionName: modbusFunctionName(functionCode),
    operation: MODBUS_FUNCTIONS[functionCode]?.operation ?? 'other',
  };
  let problem: string | undefined;
  if (exception) problem = decodeException(f.data, message);
  else if (direction === 'request') problem = decodeRequest(f.data, message);
  else problem = decodeResponse(f.data, message, request);
  if (request && request.functionCode === functionCode) message.matchedRequest = true;
  if (!exception && request && (message.address === undefined || message.quantity === undefined)) {
    if (request.functionCode === functionCode && functionCode !== 23) {
      message.address ??= request.address;
      message.quantity ??= request.quantity;
    }
  }
  if (f.protocolId !== 0) problem ??= `MBAP protocol id ${f.protocolId} is not 0 (Modbus)`;
  if (!MODBUS_FUNCTIONS[functionCode] && !message.functionName.startsWith('user_defined')) {
    problem ??= `function code ${functionCode} is not a public Modbus function`;
  }
  return { message, problem };
}

/** Modbus state of one TCP connection: a framer per direction and requests awaiting responses. */
export class ModbusSession {
  private readonly toServer: PduFramer;
  private readonly toClient: PduFramer;
  private readonly outstanding = new Map<number, ModbusRequestInfo>();

  constructor(private readonly ctx: DecodeContext<ModbusMessage>) {
    this.toServer = new PduFramer(mbapLength, mbapResync, (adu) => this.adu(adu, true), (n, why) => this.junk(n, why, true));
    this.toClient = new PduFramer(mbapLength, mbapResync, (adu) => this.adu(adu, false), (n, why) => this.junk(n, why, false));
  }

  /** Accepts reassembled stream bytes of one direction. */
  data(bytes: Uint8Array, gapBefore: boolean, fromClient: boolean): void {
    (fromClient ? this.toServer : this.toClient).push(bytes, gapBefore);
  }

  private adu(adu: Uint8Array, fromClient: boolean): void {
    const transactionId = (adu[0]! << 8) | adu[1]!;
    let request: ModbusRequestInfo | undefined;
    if (!fromClient) {
      request = this.outstanding.get(transactionId);
      this.outstanding.delete(transactionId);
    }
    const { message, problem } = decodeModbusAdu(adu, fromClient ? 'request' : 'response', this.ctx.meta(fromClient), request);
    if (fromClient) this.remember(message);
    this.ctx.message(message);
    if (problem) this.ctx.anomaly('modbus', problem, fromClient);
  }

  private remember(m: ModbusMessage): void {
    if (this.outstanding.size >= MAX_OUTSTANDING) {
      const oldest = this.outstanding.keys().next().value;
      if (oldest !== undefined) this.outstanding.delete(oldest);
    }
    this.outstanding.set(m.transactionId, {
      functionCode: m.functionCode,
      address: m.address,
      quantity: m.quantity,
      readAddress: m.readAddress,
      readQuantity: m.readQuantity,
    });
  }

  private junk(droppedBytes: number, why: string, fromClient: boolean): void {
    this.ctx.anomaly('modbus', `${droppedBytes} ${why}`, fromClient);
  }
}
