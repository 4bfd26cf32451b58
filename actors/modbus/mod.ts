/**
 * The Modbus slaves: one actor per enabled transport, both answering from the register image the
 * RegisterStore publishes, locally (no actor round trip per request).
 *
 * - {@linkcode modbusRtuSlave} (`[modbus.rtu]`): RTU on an RS485 port; reply delay t3.5 or as
 *   configured; RS485 direction by the kernel or by RTS; echo suppression; port re-opened with
 *   back-off when lost. Served in the actor's thread, or (opt-in, `workerUrl`) in a worker
 *   thread with a blocking wait ({@linkcode workerEngine}, {@linkcode rtuWorkerSide}).
 * - {@linkcode modbusTcpServer} (`[modbus.tcp]`): MBAP, many clients, pipelining, connection
 *   limit and idle time-out; other unit ids get exception 0B.
 * - Settings writes: {@linkcode planSettingWrite} maps written registers onto the variant's
 *   settings; the ConfigManager saves them; the reboot register reboots after the answer.
 * - Diagnostics: {@linkcode ModbusCounters} per transport (in the actor state as
 *   `state.live.counters`), {@linkcode formatStats} for the minute's `stats` line, 485 activity
 *   for the LED, rate-limited.
 *
 * @module
 */

export {
  ACTIVITY_INTERVAL_MS,
  type ActivityDecision,
  type ActivityReport,
  type ActivityState,
  createActivity,
  flushActivity,
  noteActivity,
} from "./activity.ts";
export {
  COUNTED_EXCEPTIONS,
  type CountedException,
  createCounters,
  exceptionTotal,
  formatStats,
  type ModbusCounters,
  type ModbusTransport,
  recordTurnaround,
  snapshotStats,
  type StatsSnapshot,
  TURNAROUND_BOUNDS_US,
  type TurnaroundHistogram,
  turnaroundQuantileUs,
} from "./counters.ts";
export { type Direction, type RtuPort, setupDirection } from "./rs485_direction.ts";
export {
  ECHO_SLACK_US,
  type RtuSessionHooks,
  type RtuSessionOptions,
  serveRtu,
} from "./rtu_session.ts";
export { type ModbusRtuArgs, modbusRtuSlave, rtuSessionSetup } from "./rtu_slave.ts";
export {
  type RtuEngine,
  type RtuEngineSetup,
  type RtuPortOpener,
  threadEngine,
  WORKER_FAILED,
  workerEngine,
} from "./rtu_engines.ts";
export {
  type BlockingRtuPort,
  rtuWorkerSide,
  type RtuWorkerSideOptions,
} from "./rtu_worker_side.ts";
export {
  copySessionCounters,
  type FromRtuWorker,
  type ToRtuWorker,
} from "./rtu_worker_protocol.ts";
export {
  decodeSettingWords,
  planSettingWrite,
  type WritableRegisters,
  type WritePlan,
} from "./setting_writes.ts";
export {
  type ModbusSlaveState,
  SETTING_WRITE_TIMEOUT_MS,
  type SlaveLive,
  slavePort,
  STATS_INTERVAL_MS,
  type WriteSetup,
} from "./slave_core.ts";
export type { SlavePort, WriteOutcome } from "./slave_port.ts";
export {
  GATEWAY_TARGET_FAILED,
  serveTcpConnection,
  type TcpClient,
  type TcpConnectionHooks,
  type TcpConnectionOptions,
} from "./tcp_connection.ts";
export { idleSweepMs, type ModbusTcpArgs, modbusTcpServer } from "./tcp_server.ts";
