/**
 * systemd integration without libsystemd: the `sd_notify` protocol (`READY=1`, `WATCHDOG=1`,
 * `STATUS=…`, `STOPPING=1` over `$NOTIFY_SOCKET`) and the watchdog interval
 * (`$WATCHDOG_USEC`, `$WATCHDOG_PID`).
 *
 * - {@linkcode notifierFromEnv}: the {@linkcode Notifier} for this process (a no-op outside
 *   systemd); needs `--allow-env` and `--allow-ffi`.
 * - {@linkcode unixSocketAddress}, {@linkcode parseWatchdogEnv}: the pure parts.
 * - {@linkcode FakeNotifySocket}: a receiving socket standing in for systemd in tests.
 *
 * @module
 */
export {
  type Notifier,
  notifierFromEnv,
  type NotifierOptions,
  type NotifyResult,
} from "./notify.ts";
export {
  SOCKADDR_UN_SIZE,
  SUN_PATH_OFFSET,
  SUN_PATH_SIZE,
  type UnixSocketAddress,
  unixSocketAddress,
  type UnixSocketAddressResult,
} from "./sockaddr.ts";
export { parseWatchdogEnv, type WatchdogEnv } from "./watchdog_env.ts";
export { FakeNotifySocket } from "./fake_notify_socket.ts";
