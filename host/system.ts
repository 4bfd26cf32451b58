/**
 * Builds a1mb's supervision tree from a configuration and the build's variant: which actors run,
 * in which order, with which start arguments. Sinks start first and the A1 source last, so
 * nothing a source produces is dropped at start; stop runs in reverse.
 *
 * @module
 */
import { getLogger } from "@logtape/logtape";
import { ConsoleLeds } from "../drivers/leds/console_leds.ts";
import type { LedDriver } from "../drivers/leds/led_driver.ts";
import { NoLeds } from "../drivers/leds/none_leds.ts";
import { SysfsLeds } from "../drivers/leds/sysfs_leds.ts";
import { startPassthroughServer } from "../drivers/passthrough/passthrough_server.ts";
import { openSerialPort } from "../drivers/serial/posix_serial_port.ts";
import type { Variant } from "../variants/api.ts";
import type { Config, ModbusRtuConfig } from "../config/mod.ts";
import { configManager } from "../actors/config_manager.ts";
import { ledController } from "../actors/led_controller.ts";
import { type ModbusRtuArgs, modbusRtuSlave } from "../actors/modbus/rtu_slave.ts";
import { modbusTcpServer } from "../actors/modbus/tcp_server.ts";
import { a1Reader } from "../actors/a1_reader.ts";
import { homeWizardApi, type HomeWizardMdnsDriver } from "../actors/homewizard_api.ts";
import {
  A1_READER,
  CONFIG_MANAGER,
  CONSOLE_FEED,
  HOMEWIZARD,
  type IntegrationMsg,
  LED_CONTROLLER,
  MODBUS_RTU,
  MODBUS_TCP,
  type ModbusSlaveMsg,
  MQTT,
  PASSTHROUGH,
  REGISTER_STORE,
  TELEGRAM_VALIDATOR,
} from "../actors/messages.ts";
import { mqttPublisher } from "../actors/mqtt/mod.ts";
import { connectMqtt } from "../drivers/mqtt/mod.ts";
import { passthrough, type PassthroughArgs } from "../actors/passthrough.ts";
import { consoleFeed } from "../actors/console_feed.ts";
import { PowerHistory } from "../actors/console/power_history.ts";
import { registerStore } from "../actors/register_store.ts";
import type { ActorRef } from "../actors/runtime/message.ts";
import { type ChildSpec, childSpec } from "../actors/runtime/supervisor.ts";
import { telegramValidator } from "../actors/telegram_validator.ts";
import { startAnswerListener } from "../drivers/http/answer_listener.ts";
import { startMdnsResponder } from "../drivers/mdns/mdns_responder.ts";
import {
  interfaceMacs,
  ipv4Interfaces,
  macSerial,
  reachableAddresses,
} from "../drivers/net/host_network.ts";
import { VERSION } from "./version.ts";
import { sourceFromConfig } from "./a1_source.ts";
import { rtuWorkerUrl } from "./rtu_worker_url.ts";

/** What the tree is built from. */
export interface SystemSpec {
  /** The validated configuration. */
  readonly config: Config;
  /** The file it came from (settings are saved there), or null for the embedded default. */
  readonly configPath: string | null;
  /** The build's variant. */
  readonly variant: Variant;
  /** The web console's hour of power samples, kept across reboots. @default a new, empty one */
  readonly powerHistory?: PowerHistory;
}

/** The children of the supervisor, in start order. */
export function buildChildren(spec: SystemSpec): ChildSpec[] {
  const { config } = spec;
  return [
    childSpec(LED_CONTROLLER, ledController, {
      makeDriver: () => makeLedDriver(config),
      staleAfterMs: config.a1.stale_after_s * 1000,
    }),
    childSpec(CONFIG_MANAGER, configManager, { path: spec.configPath, build: spec.variant }),
    childSpec(REGISTER_STORE, registerStore, {
      variant: spec.variant,
      config,
      subscribers: modbusSlaves(config),
    }),
    ...(config.modbus.rtu.enabled
      ? [childSpec(MODBUS_RTU, modbusRtuSlave, rtuSlaveArgs(config.modbus.rtu, spec.variant))]
      : []),
    ...(config.modbus.tcp.enabled
      ? [childSpec(MODBUS_TCP, modbusTcpServer, {
        config: config.modbus.tcp,
        unitId: config.modbus.rtu.address,
        variant: spec.variant,
      })]
      : []),
    ...(config.passthrough.listen === ""
      ? []
      : [childSpec(PASSTHROUGH, passthrough, passthroughArgs(config.passthrough.listen))]),
    ...(config.homewizard.listen === "" ? [] : [childSpec(HOMEWIZARD, homeWizardApi, {
      listen: config.homewizard.listen,
      staleAfterMs: config.a1.stale_after_s * 1000,
      policy: config.a1.stale,
      serial: homeWizardSerial(),
      firmwareVersion: VERSION,
      startHttp: startAnswerListener,
      mdns: config.homewizard.mdns ? HOST_MDNS : null,
    })]),
    ...(config.mqtt.url === "" ? [] : [childSpec(MQTT, mqttPublisher, {
      config: config.mqtt,
      connect: connectMqtt,
      variantId: spec.variant.id,
      variantModel: spec.variant.model,
      swVersion: VERSION,
      staleAfterMs: config.a1.stale_after_s * 1000,
      modbus: modbusSlaves(config).map((ref) => ref.name),
    })]),
    ...(config.control.http === "" ? [] : [childSpec(CONSOLE_FEED, consoleFeed, {
      history: spec.powerHistory ?? new PowerHistory(),
      staleAfterMs: config.a1.stale_after_s * 1000,
      policy: config.a1.stale,
      invert: config.registers.invert,
    })]),
    childSpec(TELEGRAM_VALIDATOR, telegramValidator, {
      crc: config.a1.crc,
      passthrough: config.passthrough.listen === ""
        ? "off"
        : config.passthrough.all
        ? "all"
        : "accepted",
      integrations: integrations(config),
    }),
    childSpec(A1_READER, a1Reader, {
      config: config.a1,
      makeSource: (clock) => sourceFromConfig(config.a1, clock),
    }),
  ];
}

/**
 * The RTU slave's start arguments: the serial driver opens its port and, for `thread =
 * "worker"`, the worker thread runs the module beside this host (or the worker bundle).
 */
export function rtuSlaveArgs(config: ModbusRtuConfig, variant: Variant): ModbusRtuArgs {
  return {
    config,
    variant,
    openPort: openSerialPort,
    ...(config.thread === "worker" ? { workerUrl: rtuWorkerUrl() } : {}),
  };
}

/** The Passthrough's start arguments: the driver's fan-out server on `listen`. */
export function passthroughArgs(listen: string): PassthroughArgs {
  return { listen, startServer: startPassthroughServer };
}

/** The Modbus slaves the configuration enables: they receive every register image. */
export function modbusSlaves(config: Config): ActorRef<ModbusSlaveMsg>[] {
  return [
    ...(config.modbus.rtu.enabled ? [MODBUS_RTU] : []),
    ...(config.modbus.tcp.enabled ? [MODBUS_TCP] : []),
  ];
}

/** The integrations the configuration enables: they receive every accepted telegram. */
export function integrations(config: Config): ActorRef<IntegrationMsg>[] {
  return [
    ...(config.homewizard.listen === "" ? [] : [HOMEWIZARD]),
    ...(config.control.http === "" ? [] : [CONSOLE_FEED]),
    ...(config.mqtt.url === "" ? [] : [MQTT]),
  ];
}

/** The serial a HomeWizard client sees: this machine's MAC address (as a dongle's), 12 hex digits. */
export function homeWizardSerial(): string {
  const log = getLogger(["a1mb", "homewizard"]);
  let serial: string | null;
  try {
    serial = macSerial(interfaceMacs());
  } catch (error) {
    log.warn("HomeWizard API: cannot list the network interfaces: {error}", {
      error: error instanceof Error ? error.message : String(error),
    });
    serial = null;
  }
  if (serial !== null) return serial;
  log.warn("HomeWizard API: no network interface with a MAC address: serial 000000000000");
  return "000000000000";
}

/** mDNS through this machine's network interfaces. */
const HOST_MDNS: HomeWizardMdnsDriver = {
  addresses: (hostname) => reachableAddresses(hostname, ipv4Interfaces()),
  start: startMdnsResponder,
};

/** Makes the LED driver `[leds] driver` names. */
export function makeLedDriver(config: Config): LedDriver {
  const log = getLogger(["a1mb", "leds"]);
  switch (config.leds.driver) {
    case "console":
      // Debug, not info: a master polling every second turns the 485 LED on and off for years.
      return new ConsoleLeds((line) => log.debug(line));
    case "sysfs":
      return new SysfsLeds({
        base: config.leds.sysfs_base,
        names: { pwr: config.leds.pwr, a1: config.leds.a1, rs485: config.leds.rs485 },
        onError: (_led, message) => log.error(message),
      });
    case "none":
      return new NoLeds();
  }
}

/** One line per endpoint: where a1mb reads telegrams and where it answers Modbus. */
export function describeEndpoints(config: Config): string[] {
  const a1 = config.a1;
  const lines: string[] = [];
  switch (a1.source) {
    case "serial":
      lines.push(
        `A1 input: serial ${a1.device} ${a1.baud} ${a1.data_bits}${
          a1.parity[0]?.toUpperCase()
        }${a1.stop_bits}, data request ${a1.data_request}`,
      );
      break;
    case "tcp":
      lines.push(`A1 input: tcp ${a1.host}:${a1.port}`);
      break;
    case "file":
      lines.push(
        `A1 input: file ${a1.file} every ${a1.interval_ms} ms${a1.loop ? ", looping" : ""}`,
      );
      break;
    case "simulator":
      lines.push(
        `A1 input: built-in simulator, seed ${a1.simulator_seed}, every ${a1.simulator_interval_ms} ms`,
      );
      break;
  }
  const rtu = config.modbus.rtu;
  if (rtu.enabled) {
    lines.push(
      `Modbus RTU: ${rtu.device} ${rtu.baud} 8${
        rtu.parity === "none" ? "N" : "E"
      }1, address ${rtu.address}`,
    );
  }
  const tcp = config.modbus.tcp;
  if (tcp.enabled) lines.push(`Modbus TCP: ${tcp.listen}, unit ${rtu.address} (or 0/255)`);
  if (config.homewizard.listen !== "") {
    lines.push(`HomeWizard API: http://${config.homewizard.listen}/api/v1/data`);
  }
  const mqtt = config.mqtt;
  if (mqtt.url !== "") {
    lines.push(
      `MQTT: ${mqtt.url}, topics ${mqtt.topic_prefix || "a1mb/<serial>"}/…, QoS ${mqtt.qos}, ` +
        `discovery ${mqtt.discovery ? `under ${mqtt.discovery_prefix}/` : "off"}`,
    );
  }
  return lines;
}
