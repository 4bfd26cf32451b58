/**
 * Pure Modbus codecs: CRC-16/MODBUS, request and response PDUs, exceptions, RTU and TCP (MBAP)
 * frames, register value encoding, RTU timing, the RTU framer for a multi-drop bus, the RS485
 * echo filter, the register image and the request handler. No I/O, no clock: time is passed in.
 *
 * Specifications: MODBUS Application Protocol V1.1b3; MODBUS over Serial Line V1.02; MODBUS
 * Messaging on TCP/IP Implementation Guide V1.0b.
 *
 * @example A TCP server's request path
 * ```ts
 * const r = decodeMbapFrame(inBuf, 0, filled);
 * if (r.kind === "frame") {
 *   const d = decodeRequest(inBuf, r.pduStart, r.pduEnd);
 *   if (d.kind === "request") {
 *     const out = respondTcp(d.request, r.transactionId, r.unitId, image, options, outBuf);
 *     // out.kind "reply" / "exception": send outBuf[0..out.length); "write": apply, then answer
 *   }
 * }
 * ```
 *
 * @module
 */

export {
  appendCrc16Modbus,
  CRC16_MODBUS_INIT,
  crc16Modbus,
  crc16ModbusUpdate,
  hasValidCrc16Modbus,
} from "./crc16_modbus.ts";
export {
  EXCEPTION_FLAG,
  EXCEPTION_PDU_LENGTH,
  ExceptionCode,
  exceptionName,
  exceptionPdu,
  writeExceptionPdu,
} from "./exceptions.ts";
export {
  decodeRequest,
  DIAGNOSTICS_RETURN_QUERY_DATA,
  type DiagnosticsRequest,
  encodeRequestPdu,
  FunctionCode,
  MAX_PDU_LENGTH,
  type ModbusRequest,
  type ReadHoldingRegistersRequest,
  type ReadInputRegistersRequest,
  type RequestDecodeResult,
  type UnsupportedRequest,
  type WriteMultipleRegistersRequest,
  type WriteSingleRegisterRequest,
} from "./pdu.ts";
export {
  decodeResponse,
  type ModbusResponse,
  writeDiagnosticsResponse,
  writeReadRegistersResponse,
  writeWriteMultipleRegistersResponse,
  writeWriteSingleRegisterResponse,
} from "./pdu_response.ts";
export {
  decodeRtuAdu,
  encodeRtuAdu,
  RTU_BROADCAST_ADDRESS,
  RTU_MAX_ADU_LENGTH,
  RTU_MIN_ADU_LENGTH,
  RTU_PDU_OFFSET,
  type RtuAduDecodeResult,
  sealRtuAdu,
} from "./rtu_adu.ts";
export {
  decodeMbapFrame,
  encodeMbapAdu,
  MBAP_HEADER_LENGTH,
  MBAP_MAX_ADU_LENGTH,
  MBAP_MAX_LENGTH_FIELD,
  type MbapDecodeResult,
  type MbapFrame,
  sealMbapAdu,
} from "./mbap.ts";
export {
  decodeFloat32,
  decodeInt16,
  decodeInt32,
  decodeUint16,
  decodeUint32,
  encodeFloat32,
  encodeInt16,
  encodeInt32,
  type EncodeStatus,
  encodeUint16,
  encodeUint32,
  type WordOrder,
} from "./register_codec.ts";
export { decodeText, decodeUint64, encodeText, encodeUint64 } from "./register_codec.ts";
export {
  decodeNumber,
  decodeRaw,
  encodeNumber,
  NUMBER_TYPES,
  type NumberType,
  numberWidth,
} from "./register_value.ts";
export {
  type Parity,
  RTU_FIXED_T15_US,
  RTU_FIXED_T35_US,
  RTU_TIMING_FIXED_ABOVE_BAUD,
  type RtuTiming,
  rtuTiming,
  type SerialCharacterFormat,
} from "./rtu_timing.ts";
export {
  createRtuFramer,
  type RtuFramerEvent,
  rtuFramerFlush,
  type RtuFramerOptions,
  rtuFramerPush,
  rtuFramerSilence,
  rtuFramerSilenceDeadline,
  type RtuFramerState,
} from "./rtu_framer.ts";
export {
  createEchoFilter,
  ECHO_FILTER_CAPACITY,
  echoFilterDeadline,
  echoFilterExpect,
  echoFilterFlush,
  echoFilterPush,
  type EchoFilterResult,
  type EchoFilterState,
} from "./echo_filter.ts";
export {
  createRegisterImage,
  DEFAULT_READ_SPACES,
  type MeasuredBlock,
  type MeasuredMasks,
  type ReadSpaces,
  REGISTER_SPACE_SIZE,
  type RegisterImage,
  type RegisterImageParts,
  withBlocked,
} from "./register_image.ts";
export {
  type ExceptionOutcome,
  type HandleIntoResult,
  handleRequest,
  handleRequestInto,
  type HandleRequestOptions,
  type HandleResult,
  MAX_READ_QUANTITY,
  MAX_WRITE_QUANTITY,
  type NoReplyOutcome,
  writeAcceptedPdu,
  type WriteIntent,
} from "./handle_request.ts";
export {
  respondRtu,
  respondTcp,
  RESPONSE_BUFFER_LENGTH,
  rtuExceptionAdu,
  rtuWriteAcceptedAdu,
  tcpExceptionAdu,
  tcpWriteAcceptedAdu,
} from "./respond.ts";
