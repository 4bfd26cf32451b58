/**
 * The RTU slave's request path on one open port: read → (echo filter) → RTU framer → answer from
 * the current image into a reused buffer → wait the reply delay → write. No actor round trip and
 * no mailbox hop per request; only a settings write waits (for the ConfigManager), and while it
 * does, nothing else is answered (the master is waiting for that reply anyway).
 *
 * Timing:
 * - the framer's silence (t3.5) is detected by the port (`waitSilence`, a ppoll with µs
 *   precision), never made up from timestamps: a late read after an event-loop stall still
 *   joins the pieces of a frame;
 * - a reply goes out once the line has been quiet for the reply delay since the request's last
 *   byte (and since any byte heard after it): t3.5 for `response_delay_ms = "auto"`, the
 *   configured time otherwise, at once for 0;
 * - two replies in a row (requests back to back) are separated by t3.5 on the line.
 *
 * @module
 */
import {
  createEchoFilter,
  createRtuFramer,
  echoFilterExpect,
  echoFilterPush,
  type EchoFilterState,
  exactReadRequest,
  type HandleRequestOptions,
  type RequestDecodeResult,
  respondRtu,
  RESPONSE_BUFFER_LENGTH,
  RTU_MAX_ADU_LENGTH,
  rtuExceptionAdu,
  type RtuFramerEvent,
  rtuFramerPush,
  rtuFramerSilence,
  rtuFramerSilenceDeadline,
  type RtuFramerState,
  rtuWriteAcceptedAdu,
} from "../../protocol/modbus/mod.ts";
import type { SerialPort } from "../../drivers/serial/mod.ts";
import { recordTurnaround } from "./counters.ts";
import type { Direction } from "./rs485_direction.ts";
import type { SlavePort } from "./slave_port.ts";

/**
 * The last part of a reply delay, µs, is watched by polling the line rather than slept: waking
 * from a poll takes a few hundred µs on a busy machine, which would make every reply late.
 */
export const SPIN_BEFORE_DUE_US = 400;

/** Time an adapter may take to loop a reply back, beyond its transmission time, µs. */
export const ECHO_SLACK_US = 20_000;

/** How the session answers. */
export interface RtuSessionOptions {
  /** This slave's address, 1…247. */
  readonly address: number;
  /** t3.5 at the line's baud rate, µs: ends a frame, separates two replies. */
  readonly t35Us: number;
  /** Time to send one character, µs. */
  readonly characterUs: number;
  /** Quiet time before a reply, µs (0: at once). */
  readonly replyDelayUs: number;
  /** Drop the adapter's echo of our own replies. */
  readonly echo: boolean;
  /** Writes allowed on this transport, read/write limits. */
  readonly handle: HandleRequestOptions;
  /** Transceiver direction around each reply. */
  readonly direction: Direction;
}

/** What the session needs from whoever runs it (the actor's thread or the worker thread). */
export interface RtuSessionHooks {
  /** Monotonic µs (the actor's clock, or the worker's `performance.now()`). */
  nowUs(): number;
  /** The image to answer from, the counters, the settings writes. */
  readonly slave: SlavePort;
  /** Valid requests for us, and bad frames (noise, CRC errors, partial frames), for the LED. */
  activity(valid: number, invalid: number): void;
  /** Called once a reboot-register write has been answered and drained. */
  reboot(): void;
  /**
   * Waits until input is likely (a blocking poll in a worker thread); called only when nothing
   * is pending, after every reply went out. Resolves false to stop. Absent: `read` waits.
   */
  idleWait?(): Promise<boolean>;
}

interface Reply {
  readonly bytes: Uint8Array;
  readonly requestEndUs: number;
  dueUs: number;
  readonly reboot: boolean;
}

/**
 * Serves requests on `port` until it is closed (resolves) or fails (rejects with the port's
 * `SerialPortError`, e.g. code `"LOST"`).
 */
export async function serveRtu(
  port: SerialPort,
  options: RtuSessionOptions,
  hooks: RtuSessionHooks,
): Promise<void> {
  try {
    await new RtuSession(port, options, hooks).run();
  } catch (error) {
    if (port.closed) return;
    throw error;
  }
}

class RtuSession {
  readonly #port: SerialPort;
  readonly #o: RtuSessionOptions;
  readonly #h: RtuSessionHooks;
  readonly #framer: RtuFramerState;
  readonly #echo: EchoFilterState | null;
  readonly #input = new Uint8Array(RTU_MAX_ADU_LENGTH);
  readonly #out = new Uint8Array(RESPONSE_BUFFER_LENGTH);
  readonly #spare = new Uint8Array(RESPONSE_BUFFER_LENGTH);
  readonly #queue: Reply[] = [];
  /** When the last bytes for the framer were read (µs). */
  #lastReadUs = Number.NEGATIVE_INFINITY;

  constructor(port: SerialPort, options: RtuSessionOptions, hooks: RtuSessionHooks) {
    this.#port = port;
    this.#o = options;
    this.#h = hooks;
    this.#framer = createRtuFramer({ address: options.address, silenceUs: options.t35Us });
    this.#echo = options.echo ? createEchoFilter() : null;
  }

  async run(): Promise<void> {
    const port = this.#port;
    for (;;) {
      const head = this.#queue[0];
      if (head !== undefined) {
        // Sleep until shortly before the reply is due (waking from a poll takes a few hundred
        // µs), then watch the line to the exact moment: the reply never starts early, and
        // starts on time.
        const wait = head.dueUs - this.#h.nowUs() - SPIN_BEFORE_DUE_US;
        if (wait > 0 && !(await port.waitSilence(wait))) {
          if (port.closed || !(await this.#readChunk())) return;
          continue;
        }
        if (port.closed) return;
        if (!this.#quietUntil(head.dueUs)) {
          if (!(await this.#readChunk())) return;
          continue;
        }
        await this.#send(head);
        continue;
      }
      if (rtuFramerSilenceDeadline(this.#framer) !== null) {
        const wait = this.#lastReadUs + this.#o.t35Us - this.#h.nowUs();
        const silent = wait > 0 ? await port.waitSilence(wait) : port.bytesAvailable() === 0;
        if (port.closed) return;
        if (silent) {
          const deadline = rtuFramerSilenceDeadline(this.#framer) ?? 0;
          const now = this.#h.nowUs();
          await this.#handle(rtuFramerSilence(this.#framer, Math.max(now, deadline)), now);
          continue;
        }
      }
      if (this.#h.idleWait !== undefined && !(await this.#h.idleWait())) return;
      if (!(await this.#readChunk())) return;
    }
  }

  /** Watches the line until `dueUs` (at most {@linkcode SPIN_BEFORE_DUE_US}); false if bytes came. */
  #quietUntil(dueUs: number): boolean {
    // Bounded by real time too, so an injected clock that stands still cannot hang the loop.
    const remainingUs = Math.min(dueUs - this.#h.nowUs(), SPIN_BEFORE_DUE_US);
    // Already due (always with response_delay_ms = 0): nothing to watch, no system call.
    if (remainingUs <= 0) return true;
    const endMs = performance.now() + remainingUs / 1000;
    while (performance.now() < endMs) {
      if (this.#port.bytesAvailable() > 0) return false;
    }
    return this.#port.bytesAvailable() === 0;
  }

  /** Reads what is there and feeds it on; false once the port is closed. */
  async #readChunk(): Promise<boolean> {
    const n = await this.#port.read(this.#input);
    if (n === null) return false;
    const now = this.#h.nowUs();
    let bytes: Uint8Array = this.#input.subarray(0, n);
    if (this.#echo !== null) {
      bytes = echoFilterPush(this.#echo, bytes, now).pass;
      if (bytes.length === 0) return true;
    }
    // The line is not quiet: queued replies wait for the delay again.
    const delay = this.#o.replyDelayUs;
    if (delay > 0) { for (const r of this.#queue) r.dueUs = Math.max(r.dueUs, now + delay); }
    // The port saw no silence since the pending bytes: never let a late read make one up.
    const deadline = rtuFramerSilenceDeadline(this.#framer);
    this.#lastReadUs = now;
    if (deadline === null && this.#queue.length === 0) {
      const request = exactReadRequest(bytes, this.#o.address);
      if (request !== null) {
        this.#h.slave.counters.requests++;
        await this.#answer({ kind: "request", request }, now);
        this.#h.activity(1, 0);
        return true;
      }
    }
    const at = deadline !== null && now >= deadline ? deadline - 1 : now;
    await this.#handle(rtuFramerPush(this.#framer, bytes, at), now);
    return true;
  }

  async #handle(events: RtuFramerEvent[], nowUs: number): Promise<void> {
    if (events.length === 0) return;
    const c = this.#h.slave.counters;
    let valid = 0;
    let invalid = 0;
    for (const event of events) {
      switch (event.type) {
        case "requestReceived":
          c.requests++;
          valid++;
          await this.#answer(event.decoded, nowUs);
          break;
        case "broadcastReceived":
          c.broadcasts++;
          valid++;
          break;
        case "otherRequestSeen":
        case "otherResponseSeen":
          c.otherAddress++;
          break;
        case "crcFailed":
          c.crcErrors++;
          invalid++;
          break;
        case "noiseDropped":
          if (event.reason === "partial") c.timeouts++;
          else c.noise++;
          invalid++;
          break;
        default: {
          const unreachable: never = event;
          throw new TypeError(`Unknown RTU framer event: ${JSON.stringify(unreachable)}`);
        }
      }
    }
    if (valid + invalid > 0) this.#h.activity(valid, invalid);
  }

  /** Builds the answer to a request for us and queues it. */
  async #answer(decoded: RequestDecodeResult, requestEndUs: number): Promise<void> {
    const c = this.#h.slave.counters;
    const address = this.#o.address;
    // A reply already queued owns `#out`: build into the spare buffer and copy.
    const buf = this.#queue.length === 0 ? this.#out : this.#spare;
    let length: number;
    let reboot = false;
    switch (decoded.kind) {
      case "malformed":
        c.malformed++;
        c.unanswered++;
        return;
      case "exception":
        length = rtuExceptionAdu(buf, address, decoded.functionCode, decoded.code);
        c.exceptions[decoded.code]++;
        break;
      case "request": {
        const image = this.#h.slave.image;
        if (image === null) {
          length = rtuExceptionAdu(buf, address, decoded.request.functionCode, 4);
          c.exceptions[4]++;
          break;
        }
        const r = respondRtu(decoded.request, address, image, this.#o.handle, buf);
        switch (r.kind) {
          case "reply":
            length = r.length;
            c.replies++;
            break;
          case "exception":
            length = r.length;
            c.exceptions[r.code]++;
            break;
          case "none":
            c.unanswered++;
            return;
          case "write": {
            const outcome = await this.#h.slave.applyWrite(r);
            if (outcome.kind === "exception") {
              length = rtuExceptionAdu(buf, address, r.fc, outcome.code);
              c.exceptions[outcome.code]++;
            } else {
              length = rtuWriteAcceptedAdu(buf, address, r);
              c.replies++;
              reboot = outcome.kind === "reboot";
            }
            break;
          }
          default: {
            const unreachable: never = r;
            throw new TypeError(`Unknown handler outcome: ${JSON.stringify(unreachable)}`);
          }
        }
        break;
      }
      default: {
        const unreachable: never = decoded;
        throw new TypeError(`Unknown decode result: ${JSON.stringify(unreachable)}`);
      }
    }
    const bytes = buf === this.#out ? buf.subarray(0, length) : buf.slice(0, length);
    this.#queue.push({ bytes, requestEndUs, dueUs: requestEndUs + this.#o.replyDelayUs, reboot });
  }

  async #send(reply: Reply): Promise<void> {
    const { direction, characterUs, t35Us } = this.#o;
    direction.before();
    await this.#port.write(reply.bytes);
    const sentUs = this.#h.nowUs();
    recordTurnaround(this.#h.slave.counters.turnaround, sentUs - reply.requestEndUs);
    const airUs = reply.bytes.length * characterUs;
    if (this.#echo !== null) {
      echoFilterExpect(this.#echo, reply.bytes, sentUs, airUs + ECHO_SLACK_US);
    }
    if (direction.toggles || reply.reboot) await this.#port.drain();
    direction.after();
    this.#queue.shift();
    const next = this.#queue[0];
    if (next !== undefined) next.dueUs = Math.max(next.dueUs, sentUs + airUs + t35Us);
    if (reply.reboot) this.#h.reboot();
  }
}
