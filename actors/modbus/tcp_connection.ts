/**
 * One Modbus TCP connection: reads into a reused buffer, answers every complete MBAP frame of a
 * chunk (pipelined requests) from the current image into one output buffer, and writes the
 * answers with one write per chunk. Answers keep the order of the requests; a settings write
 * sends the answers before it, waits for the ConfigManager, then goes on.
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
  decodeMbapFrame,
  decodeRequest,
  EXCEPTION_FLAG,
  type HandleRequestOptions,
  MBAP_HEADER_LENGTH,
  respondTcp,
  RESPONSE_BUFFER_LENGTH,
  sealMbapAdu,
  tcpExceptionAdu,
  tcpWriteAcceptedAdu,
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

/** Serves `client` until the peer closes, the connection fails, or a header is malformed. */
export async function serveTcpConnection(
  client: TcpClient,
  options: TcpConnectionOptions,
  hooks: TcpConnectionHooks,
): Promise<void> {
  const { conn } = client;
  const c = hooks.slave.counters;
  const input = new Uint8Array(INPUT_LENGTH);
  const out = new Uint8Array(OUTPUT_LENGTH);
  let filled = 0;
  let used = 0;
  let pendingAnswers = 0;
  let chunkMs = 0;
  const flush = async () => {
    if (used === 0) return;
    await writeAll(conn, out, used);
    const turnaroundUs = (hooks.nowMs() - chunkMs) * 1000;
    for (let i = 0; i < pendingAnswers; i++) recordTurnaround(c.turnaround, turnaroundUs);
    used = 0;
    pendingAnswers = 0;
  };
  conn.setNoDelay(true);
  for (;;) {
    const n = await conn.read(filled === 0 ? input : input.subarray(filled));
    if (n === null) return;
    filled += n;
    chunkMs = hooks.nowMs();
    let pos = 0;
    for (;;) {
      const frame = decodeMbapFrame(input, pos, filled);
      if (frame.kind === "needMore") break;
      if (frame.kind === "malformed") {
        c.malformed++;
        await flush();
        hooks.closing(frame.reason);
        return;
      }
      pos += frame.frameLength;
      client.lastRequestMs = chunkMs;
      if (used + RESPONSE_BUFFER_LENGTH > out.length) await flush();
      const view = used === 0 ? out : out.subarray(used);
      const { transactionId: tid, unitId } = frame;
      if (unitId !== options.unitId && unitId !== 0 && unitId !== 255) {
        c.otherAddress++;
        c.exceptions[GATEWAY_TARGET_FAILED]++;
        view[MBAP_HEADER_LENGTH] = (input[frame.pduStart]! | EXCEPTION_FLAG) & 0xff;
        view[MBAP_HEADER_LENGTH + 1] = GATEWAY_TARGET_FAILED;
        used += sealMbapAdu(view, tid, unitId, 2);
        pendingAnswers++;
        continue;
      }
      c.requests++;
      const decoded = decodeRequest(input, frame.pduStart, frame.pduEnd);
      if (decoded.kind === "malformed") {
        c.malformed++;
        c.unanswered++;
        continue;
      }
      if (decoded.kind === "exception") {
        used += tcpExceptionAdu(view, tid, unitId, decoded.functionCode, decoded.code);
        c.exceptions[decoded.code]++;
        pendingAnswers++;
        continue;
      }
      const image = hooks.slave.image;
      if (image === null) {
        used += tcpExceptionAdu(view, tid, unitId, decoded.request.functionCode, 4);
        c.exceptions[4]++;
        pendingAnswers++;
        continue;
      }
      const r = respondTcp(decoded.request, tid, unitId, image, options.handle, view);
      switch (r.kind) {
        case "reply":
          used += r.length;
          c.replies++;
          pendingAnswers++;
          break;
        case "exception":
          used += r.length;
          c.exceptions[r.code]++;
          pendingAnswers++;
          break;
        case "none":
          c.unanswered++;
          break;
        case "write": {
          await flush();
          const outcome = await hooks.slave.applyWrite(r);
          if (outcome.kind === "exception") {
            used += tcpExceptionAdu(out, tid, unitId, r.fc, outcome.code);
            c.exceptions[outcome.code]++;
          } else {
            used += tcpWriteAcceptedAdu(out, tid, unitId, r);
            c.replies++;
          }
          pendingAnswers++;
          if (outcome.kind === "reboot") {
            await flush();
            hooks.reboot();
          }
          break;
        }
        default: {
          const unreachable: never = r;
          throw new TypeError(`Unknown handler outcome: ${JSON.stringify(unreachable)}`);
        }
      }
    }
    await flush();
    if (pos > 0) {
      if (pos < filled) input.copyWithin(0, pos, filled);
      filled -= pos;
    }
  }
}
