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
 * import {
 *   createRegisterImage,
 *   decodeMbapFrame,
 *   decodeRequest,
 *   type HandleRequestOptions,
 *   RESPONSE_BUFFER_LENGTH,
 *   respondTcp,
 * } from "./mod.ts";
 *
 * // The image the server answers from: input registers 0–1 hold 230.0 V as a float.
 * const image = createRegisterImage();
 * image.input.set([0x4366, 0x0000], 0);
 * const options: HandleRequestOptions = { writesAllowed: true };
 * const outBuf = new Uint8Array(RESPONSE_BUFFER_LENGTH); // reused for every request
 *
 * // What arrived on the connection: transaction 1, unit 2, FC 04 read of 2 registers at 0.
 * const inBuf = Uint8Array.of(0, 1, 0, 0, 0, 6, 2, 0x04, 0x00, 0x00, 0x00, 0x02);
 * const filled = inBuf.length;
 * const r = decodeMbapFrame(inBuf, 0, filled);
 * if (r.kind === "frame") {
 *   const d = decodeRequest(inBuf, r.pduStart, r.pduEnd);
 *   if (d.kind === "request") {
 *     const out = respondTcp(d.request, r.transactionId, r.unitId, image, options, outBuf);
 *     // out.kind "reply" / "exception": send outBuf[0..out.length); "write": apply, then answer
 *     if (out.kind !== "reply") throw new Error("unexpected");
 *     const sent = outBuf.subarray(0, out.length); // 00 01 00 00 00 07 02 04 04 43 66 00 00
 *     if (sent.join(" ") !== "0 1 0 0 0 7 2 4 4 67 102 0 0") throw new Error(`${sent}`);
 *   }
 * }
 * ```
 *
 * @module
 */

export { appendCrc16Modbus, crc16Modbus, hasValidCrc16Modbus } from "./crc16_modbus.ts";
export { EXCEPTION_FLAG, ExceptionCode, writeExceptionPdu } from "./exceptions.ts";
export {
  decodeRequest,
  DIAGNOSTICS_RETURN_QUERY_DATA,
  type DiagnosticsRequest,
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
  writeDiagnosticsResponse,
  writeReadRegistersResponse,
  writeWriteMultipleRegistersResponse,
  writeWriteSingleRegisterResponse,
} from "./pdu_response.ts";
export {
  RTU_BROADCAST_ADDRESS,
  RTU_MAX_ADU_LENGTH,
  RTU_MIN_ADU_LENGTH,
  RTU_PDU_OFFSET,
  sealRtuAdu,
} from "./rtu_adu.ts";
export {
  decodeMbapFrame,
  MBAP_HEADER_LENGTH,
  MBAP_MALFORMED,
  MBAP_NEED_MORE,
  type MbapDecodeResult,
  type MbapFrame,
  mbapFrameLength,
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
export { exactReadRequest, RTU_READ_REQUEST_LENGTH } from "./rtu_fast_path.ts";
export { answerTcpRead, type TcpReadOptions } from "./tcp_read_fast_path.ts";
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
} from "./register_image.ts";
export {
  clearImageWords,
  createImageShape,
  gatherImageWords,
  type ImageShape,
  type ImageShapeParts,
  type ImageUpdate,
  RegisterImageReplica,
  scatterImageWords,
} from "./image_update.ts";
export {
  type ExceptionOutcome,
  type HandleIntoResult,
  handleRequestInto,
  type HandleRequestOptions,
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
