/**
 * `sd_notify(3)` without libsystemd: `READY=1`, `WATCHDOG=1`, `STATUS=…` and `STOPPING=1`
 * datagrams to the unix socket systemd names in `$NOTIFY_SOCKET`.
 *
 * The datagrams go out through libc FFI (`socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC)` and
 * `sendto` with `MSG_DONTWAIT`: a busy or vanished systemd never blocks the event loop). Without
 * `$NOTIFY_SOCKET` (not started by systemd, or not `Type=notify`) every call is a no-op. A
 * failure never throws: it is returned, and reported through `onError` once per run of failures.
 *
 * @module
 */
import { errno } from "../ffi/libc.ts";
import {
  AF_UNIX,
  describeSocketErrno,
  MSG_DONTWAIT,
  MSG_NOSIGNAL,
  SOCK_CLOEXEC,
  SOCK_DGRAM,
  socketLibc,
} from "./_socket_ffi.ts";
import { type UnixSocketAddress, unixSocketAddress } from "./sockaddr.ts";
import { parseWatchdogEnv } from "./watchdog_env.ts";

/** The outcome of one notification. */
export type NotifyResult =
  /** `sent` is false for the no-op notifier (no `$NOTIFY_SOCKET`). */
  | { readonly ok: true; readonly sent: boolean }
  | { readonly ok: false; readonly error: string };

/** Tells systemd how the service is doing; every method returns instead of throwing. */
export interface Notifier {
  /** True when `$NOTIFY_SOCKET` names a usable address (false: every call is a no-op). */
  readonly enabled: boolean;
  /**
   * The interval within which systemd expects `WATCHDOG=1`, in ms (`$WATCHDOG_USEC`), or null
   * when there is no watchdog for this process.
   */
  readonly watchdogIntervalMs: number | null;
  /** Problems found in the environment when the notifier was made (also sent to `onError`). */
  readonly problems: readonly string[];
  /** `READY=1`, with `STATUS=` when `status` is given: start-up is complete. */
  ready(status?: string): NotifyResult;
  /** `WATCHDOG=1`: the keep-alive ping. */
  watchdog(): NotifyResult;
  /** `STATUS=…`: one line shown by `systemctl status` (newlines become spaces). */
  status(text: string): NotifyResult;
  /** `STOPPING=1`: a clean shutdown has begun. */
  stopping(): NotifyResult;
  /** Sends raw `KEY=VALUE` assignments in one datagram. */
  notify(assignments: readonly string[]): NotifyResult;
  /** Closes the socket; a later notification opens it again. */
  close(): void;
}

/** Options of {@linkcode notifierFromEnv}. */
export interface NotifierOptions {
  /**
   * Reads an environment variable.
   * @default {(name) => Deno.env.get(name)}
   */
  readonly env?: (name: string) => string | undefined;
  /**
   * This process's pid, checked against `$WATCHDOG_PID`.
   * @default {Deno.pid}
   */
  readonly pid?: number;
  /** Called with a message for an environment problem, and once per run of failed sends. */
  readonly onError?: (message: string) => void;
}

/**
 * The notifier systemd's environment asks for: `$NOTIFY_SOCKET`, `$WATCHDOG_USEC`,
 * `$WATCHDOG_PID`.
 *
 * @example
 * ```ts
 * import { notifierFromEnv } from "./notify.ts";
 *
 * const warnings: string[] = []; // the service logs them as warnings
 * // Under systemd the environment comes from the process; here $NOTIFY_SOCKET names a socket
 * // nobody listens on, so the failure comes back as a value (and once through onError).
 * const env: Record<string, string> = { NOTIFY_SOCKET: "/run/nobody-listens-here.sock" };
 * const notifier = notifierFromEnv({ env: (name) => env[name], onError: (m) => warnings.push(m) });
 * const result = notifier.ready("serving Modbus");
 * if (result.ok || warnings.length !== 1) throw new Error("unexpected");
 * notifier.close();
 * ```
 */
export function notifierFromEnv(options: NotifierOptions = {}): Notifier {
  const report = options.onError ?? (() => {});
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    try {
      return (options.env ?? ((n: string) => Deno.env.get(n)))(name);
    } catch (error) {
      problems.push(`Cannot read ${name}: ${error instanceof Error ? error.message : error}`);
      return undefined;
    }
  };
  const socketText = read("NOTIFY_SOCKET");
  let address: UnixSocketAddress | null = null;
  if (socketText !== undefined && socketText !== "") {
    const parsed = unixSocketAddress(socketText);
    if (parsed.ok) address = parsed.address;
    else problems.push(`Cannot notify systemd: NOTIFY_SOCKET "${socketText}" ${parsed.reason}`);
  }
  const watchdog = parseWatchdogEnv(
    read("WATCHDOG_USEC"),
    read("WATCHDOG_PID"),
    options.pid ?? Deno.pid,
  );
  if (watchdog.problem !== null) problems.push(`Ignoring the watchdog: ${watchdog.problem}`);
  for (const problem of problems) report(problem);
  return new SocketNotifier(
    address,
    address === null ? null : watchdog.intervalMs,
    problems,
    report,
  );
}

const encoder = new TextEncoder();

class SocketNotifier implements Notifier {
  readonly enabled: boolean;
  readonly watchdogIntervalMs: number | null;
  readonly problems: readonly string[];
  readonly #address: UnixSocketAddress | null;
  readonly #report: (message: string) => void;
  #fd = -1;
  #failing = false;

  constructor(
    address: UnixSocketAddress | null,
    watchdogIntervalMs: number | null,
    problems: readonly string[],
    report: (message: string) => void,
  ) {
    this.#address = address;
    this.enabled = address !== null;
    this.watchdogIntervalMs = watchdogIntervalMs;
    this.problems = problems;
    this.#report = report;
  }

  ready(status?: string): NotifyResult {
    return this.notify(status === undefined ? ["READY=1"] : ["READY=1", statusLine(status)]);
  }

  watchdog(): NotifyResult {
    return this.notify(["WATCHDOG=1"]);
  }

  status(text: string): NotifyResult {
    return this.notify([statusLine(text)]);
  }

  stopping(): NotifyResult {
    return this.notify(["STOPPING=1"]);
  }

  notify(assignments: readonly string[]): NotifyResult {
    if (this.#address === null) return { ok: true, sent: false };
    const result = this.#send(this.#address, encoder.encode(assignments.join("\n")));
    if (!result.ok && !this.#failing) this.#report(result.error);
    this.#failing = !result.ok;
    return result;
  }

  close(): void {
    if (this.#fd < 0) return;
    try {
      socketLibc().close(this.#fd);
    } catch { /* the library was open, or the fd would not exist */ }
    this.#fd = -1;
  }

  #send(address: UnixSocketAddress, message: Uint8Array<ArrayBuffer>): NotifyResult {
    const where = `Cannot notify systemd at "${address.text}"`;
    try {
      const lib = socketLibc();
      if (this.#fd < 0) {
        const fd = lib.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
          return { ok: false, error: `${where}: socket failed: ${describeSocketErrno(errno())}` };
        }
        this.#fd = fd;
      }
      const flags = MSG_DONTWAIT | MSG_NOSIGNAL;
      const size = BigInt(message.length);
      const n = lib.sendto(this.#fd, message, size, flags, address.bytes, address.length);
      if (n < 0) return { ok: false, error: `${where}: ${describeSocketErrno(errno())}` };
      if (n !== message.length) {
        return { ok: false, error: `${where}: sent ${n} of ${message.length} bytes` };
      }
      return { ok: true, sent: true };
    } catch (error) {
      return { ok: false, error: `${where}: ${error instanceof Error ? error.message : error}` };
    }
  }
}

function statusLine(text: string): string {
  return `STATUS=${text.replace(/[\r\n]+/g, " ")}`;
}
