/**
 * The configuration layer of a1mb: the schema of config.toml as data, the typed {@linkcode Config}
 * and its defaults, the pure loader and validator (every problem at once, with line numbers), a
 * comment-preserving line editor for settings writes, and a crash-safe file writer.
 *
 * @example
 * ```ts
 * const loaded = await loadConfigFile("/etc/a1mb/config.toml");
 * if (!loaded.ok) for (const problem of loaded.problems) printError(problem);
 * // config.toml:12: key modbus.rtu.address: 300 is out of range 1…247
 * ```
 *
 * @module
 */

export type {
  A1Config,
  A1Parity,
  A1Source,
  Config,
  ConfigPath,
  ControlConfig,
  CrcPolicy,
  DataRequestLine,
  LedDriver,
  LedsConfig,
  LogConfig,
  LogFormat,
  LogLevel,
  ModbusConfig,
  ModbusRtuConfig,
  ModbusTcpConfig,
  MqttConfig,
  PassthroughConfig,
  RegistersConfig,
  Rs485Mode,
  RtuParity,
  StalePolicy,
  TraceConfig,
  ValueAt,
} from "./config_types.ts";
export {
  A1_BAUD_RATES,
  A1_PARITIES,
  A1_SOURCES,
  CRC_POLICIES,
  DATA_REQUEST_LINES,
  LED_DRIVERS,
  LOG_FORMATS,
  LOG_LEVELS,
  RS485_MODES,
  RTU_BAUD_RATES,
  RTU_PARITIES,
  STALE_POLICIES,
} from "./config_types.ts";
export type { KeyDescriptor, KeySpec, StringFormat } from "./schema_types.ts";
export { CONFIG_SCHEMA, DEFAULT_CONFIG } from "./schema.ts";
export { loadConfigText, type LoadResult } from "./load_config.ts";
export { loadConfigFile, readConfigText, type ReadResult } from "./config_file.ts";
export { type EditResult, setConfigValue } from "./config_edit.ts";
export { setTomlValue, type TomlScalar } from "./toml_edit.ts";
export { writeFileAtomic, type WriteFileAtomicOptions } from "./atomic_write.ts";
export { type HostPort, type HostPortResult, parseHostPort } from "./host_port.ts";
export { type MqttUrl, type MqttUrlResult, parseMqttUrl, topicPrefixProblem } from "./mqtt_url.ts";
export { describeAllowed, describeDefault } from "./describe.ts";
export {
  formatKeyPath,
  locateLine,
  scanToml,
  type TomlEntry,
  type TomlEntryKind,
  type TomlScan,
  type TomlSection,
} from "./toml_locate.ts";
