/**
 * One Modbus TCP connection: reads into a reused buffer, answers every complete MBAP frame of a
 * chunk (pipelined requests) from the current image into one output buffer, and writes the
 * answers with one write per chunk. Answers keep the order of the requests; a settings write
 * sends the answers before it, waits for the ConfigManager, then goes on.
 *
 * Per request it allocates nothing in the usual case (a read the image answers): the frame is
 * located by its length (`mbapFrameLength`) and answered by the read fast path
 * (`answerTcpRead`); every other frame takes the general way (`decodeRequest`, `respondTcp`).
 *
 * Unit ids: the configured address, 0 and 255 are this server. Any other unit id is answered
 * with exception 0B (gateway target device failed to respond), as a gateway with no such device
 * behind it does: the master learns at once that the unit id is wrong instead of timing out.
 *
 * A malformed MBAP header (protocol id not 0, length out of range) closes this connection only.
 *
 * @module
 */
import {
  answerTcpRead,
  decodeMbapFrame,
  decodeRequest,
  EXCEPTION_FLAG,
  type HandleRequestOptions,
  MBAP_HEADER_LENGTH,
  MBAP_MALFORMED,
  MBAP_NEED_MORE,
  mbapFrameLength,
  respondTcp,
  RESPONSE_BUFFER_LENGTH,
  sealMbapAdu,
  tcpExceptionAdu,
  tcpWriteAcceptedAdu,
  type WriteIntent,
} from "../../protocol/modbus/mod.ts";
import { recordTurnaround } from "./counters.ts";
import type { SlavePort } from "./slave_port.ts";

/** Exception 0B: gateway target device failed to respond. */
export const GATEWAY_TARGET_FAILED = 0x0b;

/** Bytes read at most per chunk. */
const INPUT_LENGTH = 4096;
/** Answers collected before a write (a full chunk of short requests fits). */
const OUTPUT_LENGTH = 16 * 1024;

/** A connection as the server tracks it. */
export interface TcpClient {
  readonly conn: Deno.TcpConn;
  /** Monotonic ms of the last complete request (or of the accept). */
  lastRequestMs: number;
}

/** How a connection answers. */
export interface TcpConnectionOptions {
  /** The unit id this server answers besides 0 and 255 (`modbus.rtu.address`). */
  readonly unitId: number;
  /** Writes allowed on this transport, read/write limits. */
  readonly handle: HandleRequestOptions;
}

/** What a connection needs from its actor. */
export interface TcpConnectionHooks {
  /** Monotonic ms (the actor's clock). */
  nowMs(): number;
  /** The image to answer from, the counters, the settings writes. */
  readonly slave: SlavePort;
  /** Called once a reboot-register write has been answered. */
  reboot(): void;
  /** Reports why a connection is closed by the server (malformed header). */
  closing(reason: string): void;
}

/** Writes `buffer[0..length)`; one write in the usual case. */
async function writeAll(conn: Deno.Conn, buffer: Uint8Array, length: number): Promise<void> {
  let offset = await conn.write(buffer.subarray(0, length));
  while (offset < length) offset += await conn.write(buffer.subarray(offset, length));
}

/** Answers collected for the next write. */
interface Answers {
  readonly out: Uint8Array;
  /** Bytes of `out` in use. */
  used: number;
  /** Answers in `out[0..used)`, for the turnaround histogram. */
  count: number;
}

/**
 * The general way for a frame the read fast path did not answer: another unit id, an exception,
 * a malformed PDU, a blocked read, diagnostics, a write. Answers into `answers` (its buffer has
 * room for one answer) and bumps the counters; returns the write to apply, or null.
 */
function answerOther(
  input: Uint8Array,
  frame: number,
  frameLength: number,
  options: TcpConnectionOptions,
  slave: SlavePort,
  answers: Answers,
): WriteIntent | null {
  const c = slave.counters;
  const view = answers.used === 0 ? answers.out : answers.out.subarray(answers.used);
  const tid = (input[frame]! << 8) | input[frame + 1]!;
  const unitId = input[frame + 6]!;
  const pduStart = frame + MBAP_HEADER_LENGTH;
  if (unitId !== options.unitId && unitId !== 0 && unitId !== 255) {
    c.otherAddress++;
    c.exceptions[GATEWAY_TARGET_FAILED]++;
    view[MBAP_HEADER_LENGTH] = (input[pduStart]! | EXCEPTION_FLAG) & 0xff;
    view[MBAP_HEADER_LENGTH + 1] = GATEWAY_TARGET_FAILED;
    answers.used += sealMbapAdu(view, tid, unitId, 2);
    answers.count++;
    return null;
  }
  c.requests++;
  const decoded = decodeRequest(input, pduStart, frame + frameLength);
  if (decoded.kind === "malformed") {
    c.malformed++;
    c.unanswered++;
    return null;
  }
  if (decoded.kind === "exception") {
    answers.used += tcpExceptionAdu(view, tid, unitId, decoded.functionCode, decoded.code);
    answers.count++;
    c.exceptions[decoded.code]++;
    return null;
  }
  const image = slave.image;
  if (image === null) {
    answers.used += tcpExceptionAdu(view, tid, unitId, decoded.request.functionCode, 4);
    answers.count++;
    c.exceptions[4]++;
    return null;
  }
  const r = respondTcp(decoded.request, tid, unitId, image, options.handle, view);
  switch (r.kind) {
    case "reply":
      answers.used += r.length;
      answers.count++;
      c.replies++;
      return null;
    case "exception":
      answers.used += r.length;
      answers.count++;
      c.exceptions[r.code]++;
      return null;
    case "none":
      c.unanswered++;
      return null;
    case "write":
      return r;
    default: {
      const unreachable: never = r;
      throw new TypeError(`Unknown handler outcome: ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * Serves `client` until the peer closes, the connection fails, or a header is malformed.
 *
 * The hot path, a chunk of read requests: one clock reading when the chunk arrives, each frame
 * answered by the read fast path (no allocation), one write, one clock reading for the
 * turnaround. Everything else goes through {@linkcode answerOther}.
 */
export async function serveTcpConnection(
  client: TcpClient,
  options: TcpConnectionOptions,
  hooks: TcpConnectionHooks,
): Promise<void> {
  const { conn } = client;
  const { slave } = hooks;
  const c = slave.counters;
  const input = new Uint8Array(INPUT_LENGTH);
  const answers: Answers = { out: new Uint8Array(OUTPUT_LENGTH), used: 0, count: 0 };
  const out = answers.out;
  let filled = 0;
  let chunkMs = 0;
  let sending = out.subarray(0, 0);
  /** After `out[0..used)` went out: its answers' turnaround, and an empty buffer. */
  const sent = () => {
    recordTurnaround(c.turnaround, (hooks.nowMs() - chunkMs) * 1000, answers.count);
    answers.used = 0;
    answers.count = 0;
  };
  const flush = async () => {
    if (answers.used === 0) return;
    await writeAll(conn, out, answers.used);
    sent();
  };
  conn.setNoDelay(true);
  for (;;) {
    const n = await conn.read(filled === 0 ? input : input.subarray(filled));
    if (n === null) return;
    filled += n;
    chunkMs = hooks.nowMs();
    let pos = 0;
    for (;;) {
      const frameLength = mbapFrameLength(input, pos, filled);
      if (frameLength === MBAP_NEED_MORE) break;
      if (frameLength === MBAP_MALFORMED) {
        c.malformed++;
        await flush();
        const decoded = decodeMbapFrame(input, pos, filled);
        hooks.closing(decoded.kind === "malformed" ? decoded.reason : "Malformed MBAP header");
        return;
      }
      const frame = pos;
      pos += frameLength;
      client.lastRequestMs = chunkMs;
      if (answers.used + RESPONSE_BUFFER_LENGTH > out.length) await flush();
      const unitId = input[frame + 6]!;
      const image = slave.image;
      if (image !== null && (unitId === options.unitId || unitId === 0 || unitId === 255)) {
        const length = answerTcpRead(
          input,
          frame,
          frameLength,
          image,
          options.handle,
          out,
          answers.used,
        );
        if (length > 0) {
          c.requests++;
          c.replies++;
          answers.used += length;
          answers.count++;
          continue;
        }
      }
      const write = answerOther(input, frame, frameLength, options, slave, answers);
      if (write === null) continue;
      await flush();
      const tid = (input[frame]! << 8) | input[frame + 1]!;
      const outcome = await slave.applyWrite(write);
      if (outcome.kind === "exception") {
        answers.used += tcpExceptionAdu(out, tid, unitId, write.fc, outcome.code);
        c.exceptions[outcome.code]++;
      } else {
        answers.used += tcpWriteAcceptedAdu(out, tid, unitId, write);
        c.replies++;
      }
      answers.count++;
      if (outcome.kind === "reboot") {
        await flush();
        hooks.reboot();
      }
    }
    if (answers.used > 0) {
      // The hot path's write, inline: one await on the socket, no helper's promise around it,
      // and the view of the last write again while the answers are as long (the usual case).
      if (sending.length !== answers.used) sending = out.subarray(0, answers.used);
      let written = await conn.write(sending);
      while (written < answers.used) {
        written += await conn.write(out.subarray(written, answers.used));
      }
      sent();
    }
    if (pos > 0) {
      if (pos < filled) input.copyWithin(0, pos, filled);
      filled -= pos;
    }
  }
}
