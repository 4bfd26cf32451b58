/**
 * The typed configuration of a1mb: one readonly object per TOML table, fields named exactly as the
 * TOML keys (snake_case) so that messages, the config file and the code all use the same names.
 *
 * The allowed words of every enumerated key are exported as constant arrays; the schema uses the
 * same arrays, so the type and the validator cannot disagree.
 *
 * @module
 */

/** Where telegrams come from. */
export const A1_SOURCES = ["serial", "tcp", "file", "simulator"] as const;
/** Where telegrams come from: a serial port, a TCP stream, a recorded file or the simulator. */
export type A1Source = typeof A1_SOURCES[number];

/** Parity of the A1 serial port. */
export const A1_PARITIES = ["none", "even", "odd"] as const;
/** Parity of the A1 serial port. */
export type A1Parity = typeof A1_PARITIES[number];

/** Modem line that powers the meter's data-request input. */
export const DATA_REQUEST_LINES = ["rts", "dtr", "none"] as const;
/** Modem line that powers the meter's data-request input (`none`: tied to +5 V by hardware). */
export type DataRequestLine = typeof DATA_REQUEST_LINES[number];

/** Whether a telegram must carry a CRC. */
export const CRC_POLICIES = ["required", "optional"] as const;
/** Whether a telegram must carry a CRC (`optional` accepts telegrams without one). */
export type CrcPolicy = typeof CRC_POLICIES[number];

/** What the registers show once the last valid telegram is older than `a1.stale_after_s`. */
export const STALE_POLICIES = ["zero", "hold", "exception", "silent"] as const;
/** What the registers show once the last valid telegram is older than `a1.stale_after_s`. */
export type StalePolicy = typeof STALE_POLICIES[number];

/** Parity of the Modbus RTU line (8N1 or 8E1, as the device). */
export const RTU_PARITIES = ["none", "even"] as const;
/** Parity of the Modbus RTU line. */
export type RtuParity = typeof RTU_PARITIES[number];

/** What FC03 reads on the Eastron builds. */
export const FC03_SPACES = ["holding", "input"] as const;
/** What FC03 reads on the Eastron builds: the holding registers, or the measurements. */
export type Fc03Space = typeof FC03_SPACES[number];

/** The SunSpec meter model the sunspec build serves: 203 (int16 + scale factors) or 213 (floats). */
export const SUNSPEC_MODELS = [203, 213] as const;
/** A SunSpec three-phase meter model number. */
export type SunspecModel = typeof SUNSPEC_MODELS[number];

/**
 * Which of the telegram's energies the sunspec build serves as `TotWhImp`: `"grid"` = the energy
 * taken from the grid (evcc's reading of a Fronius grid meter), `"meter"` = the energy fed in
 * (the meter's own point of view).
 */
export const SUNSPEC_ENERGIES = ["grid", "meter"] as const;
/** A value of `registers.sunspec_energy`. */
export type SunspecEnergy = typeof SUNSPEC_ENERGIES[number];

/** How the RS485 transceiver direction is switched. */
export const RS485_MODES = ["none", "kernel", "rts"] as const;
/** Where Modbus RTU requests are served. */
export const RTU_THREADS = ["main", "worker"] as const;
/** A value of `modbus.rtu.thread`. */
export type RtuThread = typeof RTU_THREADS[number];
/** How the RS485 transceiver direction is switched. */
export type Rs485Mode = typeof RS485_MODES[number];

/** How the three LEDs are driven. */
export const LED_DRIVERS = ["console", "sysfs", "none"] as const;
/** How the three LEDs are driven. */
export type LedDriver = typeof LED_DRIVERS[number];

/** Log levels, from the most to the least verbose. */
export const LOG_LEVELS = ["trace", "debug", "info", "warning", "error", "fatal"] as const;
/** A log level. */
export type LogLevel = typeof LOG_LEVELS[number];

/** Log line formats. */
export const LOG_FORMATS = ["text", "json"] as const;
/** A log line format. */
export type LogFormat = typeof LOG_FORMATS[number];

/** Baud rates accepted on the A1 (P1) port. */
export const A1_BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400] as const;

/** Baud rates accepted on the Modbus RTU line (the device's list). */
export const RTU_BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;

/** `[a1]`: the meter side. */
export interface A1Config {
  readonly source: A1Source;
  readonly device: string;
  readonly baud: number;
  readonly data_bits: number;
  readonly parity: A1Parity;
  readonly stop_bits: number;
  readonly data_request: DataRequestLine;
  readonly data_request_invert: boolean;
  /** Set (non-empty) whenever `source` is `tcp`. */
  readonly host: string | undefined;
  /** Set whenever `source` is `tcp`. */
  readonly port: number | undefined;
  /** Set (non-empty) whenever `source` is `file`. */
  readonly file: string | undefined;
  readonly loop: boolean;
  readonly interval_ms: number;
  readonly crc: CrcPolicy;
  readonly stale_after_s: number;
  readonly stale: StalePolicy;
  readonly max_telegram_bytes: number;
  readonly telegram_timeout_ms: number;
  readonly simulator_seed: number;
  readonly simulator_interval_ms: number;
}

/** `[modbus.rtu]`: the RS485 slave. */
export interface ModbusRtuConfig {
  readonly enabled: boolean;
  readonly device: string;
  readonly baud: number;
  readonly parity: RtuParity;
  readonly address: number;
  /** Milliseconds, or `"auto"` for the 3.5-character silent interval at the configured baud rate. */
  readonly response_delay_ms: number | "auto";
  readonly rs485: Rs485Mode;
  readonly echo: boolean;
  readonly writes: boolean;
  readonly thread: RtuThread;
}

/** `[modbus.tcp]`: the Modbus TCP server. */
export interface ModbusTcpConfig {
  readonly enabled: boolean;
  /** `HOST:PORT`; parse it with `parseHostPort`. */
  readonly listen: string;
  readonly max_connections: number;
  readonly idle_timeout_s: number;
  readonly writes: boolean;
}

/** `[modbus]`: both slave transports. */
export interface ModbusConfig {
  readonly rtu: ModbusRtuConfig;
  readonly tcp: ModbusTcpConfig;
}

/** `[registers]`: what the emulated meter serves beyond the measured values. */
export interface RegistersConfig {
  readonly derived: boolean;
  /** `"auto"` (derived from the meter id) or a fixed serial number. */
  readonly serial: number | "auto";
  /** 0 = not served. */
  readonly nominal_frequency_hz: number;
  readonly invert: boolean;
  /** Eastron builds: `"holding"` (settings and identity) or `"input"` (the measurements). */
  readonly fc03: Fc03Space;
  /** The sunspec build: the meter model served after the common model. */
  readonly sunspec_model: SunspecModel;
  /** The sunspec build: which energy `TotWhImp` carries. */
  readonly sunspec_energy: SunspecEnergy;
}

/** `[leds]`: the PWR, A1 and 485 LEDs. */
export interface LedsConfig {
  readonly driver: LedDriver;
  readonly pwr: string;
  readonly a1: string;
  readonly rs485: string;
  readonly sysfs_base: string;
}

/** `[trace]`: the message trace (JSON Lines). */
export interface TraceConfig {
  /** `""` = off. */
  readonly file: string;
  readonly max_mb: number;
  readonly keep: number;
}

/** `[log]`: the log. */
export interface LogConfig {
  readonly level: LogLevel;
  readonly format: LogFormat;
  /** `""` = standard error. */
  readonly file: string;
  readonly max_mb: number;
}

/** `[control]`: the local control interfaces. */
export interface ControlConfig {
  /** `""` = off. */
  readonly socket: string;
  /** `HOST:PORT`, or `""` = off. */
  readonly http: string;
  /** Secret for writes over HTTP; `""` = the console is read-only. */
  readonly token: string;
}

/** `[passthrough]`: re-serving the raw telegrams to another reader. */
export interface PassthroughConfig {
  /** `HOST:PORT`, or `""` = off. */
  readonly listen: string;
  readonly all: boolean;
}

/** `[homewizard]`: the HomeWizard-compatible P1 API. */
export interface HomeWizardConfig {
  /** `HOST:PORT`, or `""` = off. */
  readonly listen: string;
  /** Announce the API over mDNS (`_hwenergy._tcp`). */
  readonly mdns: boolean;
}

/** `[mqtt]`: publishing the readings to an MQTT broker (Home Assistant discovery). */
export interface MqttConfig {
  /** `mqtt://HOST[:PORT]` or `mqtts://HOST[:PORT]`; parse it with `parseMqttUrl`. `""` = off. */
  readonly url: string;
  /** PEM file of the CA that signed the broker's certificate; `""` = the system's CAs. */
  readonly ca_file: string;
  /** `""` = none. */
  readonly username: string;
  /** `""` = none. */
  readonly password: string;
  /** File holding the password (first line); `""` = none. */
  readonly password_file: string;
  /** `""` = `a1mb-<serial>`. */
  readonly client_id: string;
  /** `""` = `a1mb/<serial>`. */
  readonly topic_prefix: string;
  readonly qos: 0 | 1 | 2;
  readonly keepalive_s: number;
  readonly discovery: boolean;
  readonly discovery_prefix: string;
}

/** The whole configuration, as loaded and validated from config.toml (deeply frozen). */
export interface Config {
  readonly a1: A1Config;
  readonly modbus: ModbusConfig;
  readonly registers: RegistersConfig;
  readonly leds: LedsConfig;
  readonly trace: TraceConfig;
  readonly log: LogConfig;
  readonly control: ControlConfig;
  readonly passthrough: PassthroughConfig;
  readonly homewizard: HomeWizardConfig;
  readonly mqtt: MqttConfig;
}

/** Every leaf key of `T` as a dotted path (`"a1.baud"`, `"modbus.rtu.address"`, …). */
export type LeafPath<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends object ? LeafPath<T[K], `${P}${K}.`>
    : `${P}${K}`;
}[keyof T & string];

/** The type of the value at dotted path `P` in `T`. */
export type ValueAt<T, P extends string> = P extends `${infer H}.${infer R}`
  ? H extends keyof T ? ValueAt<T[H], R> : never
  : P extends keyof T ? T[P]
  : never;

/** Every configuration key as a dotted path. */
export type ConfigPath = LeafPath<Config>;
