/**
 * The `tcp` A1 source: a client of a raw P1 byte stream, as network P1 dongles and ser2net serve
 * it. A connection that stays silent for `idleTimeoutMs` counts as lost (a dongle that lost
 * power leaves a half-open connection that would otherwise wait forever).
 *
 * @module
 */
import { type Clock, systemClock } from "../clock.ts";
import type { A1Source, A1SourceOpener } from "./a1_source.ts";

/** Options of {@linkcode tcpSource}. */
export interface TcpSourceOptions {
  /** Host name or address of the bridge. */
  readonly host: string;
  /** Its TCP port. */
  readonly port: number;
  /**
   * Longest wait for a connection, in ms.
   * @default {10000}
   */
  readonly connectTimeoutMs?: number;
  /**
   * Silence after which the connection counts as lost, in ms (0: never). Meters send every
   * 1 s (DSMR 5, e-MUCS) or 10 s (DSMR 2.2…4).
   * @default {60000}
   */
  readonly idleTimeoutMs?: number;
  /**
   * Clock of the idle timer.
   * @default {systemClock}
   */
  readonly clock?: Clock;
  /**
   * Size of the read buffer, in bytes.
   * @default {4096}
   */
  readonly bufferSize?: number;
}

/**
 * An opener for a TCP P1 stream.
 *
 * @example
 * ```ts
 * import { tcpSource } from "./tcp_source.ts";
 *
 * // A local listener stands in for the network P1 dongle ("p1-dongle.local", 8088).
 * using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
 * const signal = new AbortController().signal;
 * const opening = tcpSource({ host: "127.0.0.1", port: listener.addr.port }).open(signal);
 * using dongle = await listener.accept();
 * const source = await opening;
 * await dongle.write(new TextEncoder().encode("/ISK5\\2M550T-1012\r\n"));
 * const bytes = await source.read(signal);
 * if (bytes?.[0] !== 0x2f) throw new Error("unexpected");
 * await source.close();
 * ```
 */
export function tcpSource(options: TcpSourceOptions): A1SourceOpener {
  const label = `tcp ${
    options.host.includes(":") ? `[${options.host}]` : options.host
  }:${options.port}`;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  return {
    label,
    async open(signal) {
      if (signal.aborted) throw signal.reason;
      const attempt = new AbortController();
      const timer = setTimeout(() => attempt.abort(), connectTimeoutMs);
      const onAbort = () => attempt.abort();
      signal.addEventListener("abort", onAbort, { once: true });
      let conn: Deno.TcpConn;
      try {
        conn = await Deno.connect({
          hostname: options.host,
          port: options.port,
          signal: attempt.signal,
        });
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        if (attempt.signal.aborted) {
          throw new Error(`Cannot connect to ${label}: no answer within ${connectTimeoutMs} ms`);
        }
        throw new Error(`Cannot connect to ${label}: ${errorMessage(error)}`);
      } finally {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
      }
      try {
        conn.setKeepAlive(true);
      } catch { /* keep-alive is a nicety */ }
      return new TcpA1Source(label, conn, options);
    },
  };
}

class TcpA1Source implements A1Source {
  readonly label: string;
  readonly modemLines = null;
  readonly endIsFinal = false;
  readonly #conn: Deno.TcpConn;
  readonly #buffer: Uint8Array;
  readonly #clock: Clock;
  readonly #idleMs: number;
  #closed = false;

  constructor(label: string, conn: Deno.TcpConn, options: TcpSourceOptions) {
    this.label = label;
    this.#conn = conn;
    this.#buffer = new Uint8Array(options.bufferSize ?? 4096);
    this.#clock = options.clock ?? systemClock;
    this.#idleMs = options.idleTimeoutMs ?? 60_000;
  }

  async read(signal: AbortSignal): Promise<Uint8Array | null> {
    if (signal.aborted) throw signal.reason;
    if (this.#closed) return null;
    let idled = false;
    const onAbort = () => this.#closeNow();
    signal.addEventListener("abort", onAbort, { once: true });
    const timer = this.#idleMs > 0
      ? this.#clock.setTimeout(() => {
        idled = true;
        this.#closeNow();
      }, this.#idleMs)
      : null;
    let n: number | null = null;
    let failure: unknown = null;
    try {
      n = await this.#conn.read(this.#buffer);
    } catch (error) {
      failure = error;
    } finally {
      if (timer !== null) this.#clock.clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
    }
    if (signal.aborted) throw signal.reason;
    // After an idle close the read fails or returns null: report the silence either way.
    if (idled) throw new Error(`${this.label}: no data for ${this.#idleMs / 1000} s`);
    if (failure !== null) throw new Error(`${this.label}: ${errorMessage(failure)}`);
    return n === null ? null : this.#buffer.slice(0, n);
  }

  #closeNow(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#conn.close();
    } catch { /* already closed */ }
  }

  close(): Promise<void> {
    this.#closeNow();
    return Promise.resolve();
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
