/**
 * The configuration layer of a1mb: the schema of config.toml as data, the typed {@linkcode Config}
 * and its defaults, the pure loader and validator (every problem at once, with line numbers), a
 * comment-preserving line editor for settings writes, and a crash-safe file writer.
 *
 * @example
 * ```ts
 * import { loadConfigFile } from "./mod.ts";
 *
 * const path = await Deno.makeTempFile({ suffix: ".toml" });
 * await Deno.writeTextFile(path, "[modbus.rtu]\naddress = 300\n");
 * const loaded = await loadConfigFile(path);
 * const problems = loaded.ok ? [] : loaded.problems;
 * // ["/tmp/….toml:2: key modbus.rtu.address: 300 is out of range 1…247"]
 * if (problems[0] !== `${path}:2: key modbus.rtu.address: 300 is out of range 1…247`) {
 *   throw new Error(`unexpected: ${problems.join("; ")}`);
 * }
 * await Deno.remove(path);
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
  Fc03Space,
  HomeWizardConfig,
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
  SunspecEnergy,
  SunspecModel,
  TraceConfig,
  ValueAt,
} from "./config_types.ts";
export {
  A1_BAUD_RATES,
  A1_PARITIES,
  A1_SOURCES,
  CRC_POLICIES,
  DATA_REQUEST_LINES,
  FC03_SPACES,
  LED_DRIVERS,
  LOG_FORMATS,
  LOG_LEVELS,
  RS485_MODES,
  RTU_BAUD_RATES,
  RTU_PARITIES,
  STALE_POLICIES,
  SUNSPEC_ENERGIES,
  SUNSPEC_MODELS,
} from "./config_types.ts";
export type { KeyDescriptor, KeySpec, PerBuild, StringFormat } from "./schema_types.ts";
export { CONFIG_SCHEMA, DEFAULT_CONFIG } from "./schema.ts";
export {
  checkConfigText,
  type CheckedConfig,
  type ConfigProblem,
  keyDescriptor,
  loadConfigText,
  type LoadOptions,
  type LoadResult,
  suggestKey,
} from "./load_config.ts";
export {
  type ConfigBuild,
  configDefaults,
  defaultValues,
  refusedOption,
} from "./build_defaults.ts";
export {
  applyConfigChanges,
  type ApplyOptions,
  type ChangeProblem,
  type ChangeResult,
  type ConfigChange,
  formatChangeProblem,
  HIDDEN,
  isSecretKey,
  showSetting,
  showValue,
} from "./config_changes.ts";
export { configRows, configValue, type KeyRow, type KeyValue, shownValue } from "./config_view.ts";
export { exampleConfig } from "./config_example.ts";
export { TOKEN_LENGTH } from "./check_value.ts";
export { loadConfigFile, readConfigText, type ReadResult } from "./config_file.ts";
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
