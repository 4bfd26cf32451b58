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
import type { Variant } from "../variants/api.ts";
import type { Config } from "../config/mod.ts";
import { configManager } from "../actors/config_manager.ts";
import { ledController } from "../actors/led_controller.ts";
import { modbusRtuSlave } from "../actors/modbus/rtu_slave.ts";
import { modbusTcpServer } from "../actors/modbus/tcp_server.ts";
import { a1Reader } from "../actors/a1_reader.ts";
import {
  A1_READER,
  CONFIG_MANAGER,
  LED_CONTROLLER,
  MODBUS_RTU,
  MODBUS_TCP,
  type ModbusSlaveMsg,
  MQTT,
  PASSTHROUGH,
  type ReadingPublished,
  REGISTER_STORE,
  TELEGRAM_VALIDATOR,
} from "../actors/messages.ts";
import { mqttPublisher } from "../actors/mqtt/mod.ts";
import { connectMqtt } from "../drivers/mqtt/mod.ts";
import { VERSION } from "../cli/version.ts";
import { passthrough } from "../actors/passthrough.ts";
import { registerStore } from "../actors/register_store.ts";
import type { ActorRef } from "../actors/runtime/message.ts";
import { type ChildSpec, childSpec } from "../actors/runtime/supervisor.ts";
import { telegramValidator } from "../actors/telegram_validator.ts";
import { sourceFromConfig } from "./a1_source.ts";

/** What the tree is built from. */
export interface SystemSpec {
  /** The validated configuration. */
  readonly config: Config;
  /** The file it came from (settings are saved there), or null for the embedded default. */
  readonly configPath: string | null;
  /** The build's variant. */
  readonly variant: Variant;
}

/** The children of the supervisor, in start order. */
export function buildChildren(spec: SystemSpec): ChildSpec[] {
  const { config } = spec;
  return [
    childSpec(LED_CONTROLLER, ledController, {
      makeDriver: () => makeLedDriver(config),
      staleAfterMs: config.a1.stale_after_s * 1000,
    }),
    childSpec(CONFIG_MANAGER, configManager, { path: spec.configPath }),
    childSpec(REGISTER_STORE, registerStore, {
      variant: spec.variant,
      config,
      subscribers: modbusSlaves(config),
    }),
    ...(config.modbus.rtu.enabled
      ? [childSpec(MODBUS_RTU, modbusRtuSlave, {
        config: config.modbus.rtu,
        variant: spec.variant,
        thread: config.modbus.rtu.thread,
      })]
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
      : [childSpec(PASSTHROUGH, passthrough, { listen: config.passthrough.listen })]),
    ...(config.mqtt.url === "" ? [] : [childSpec(MQTT, mqttPublisher, {
      config: config.mqtt,
      connect: connectMqtt,
      variantId: spec.variant.id,
      variantModel: spec.variant.model,
      swVersion: VERSION,
      staleAfterMs: config.a1.stale_after_s * 1000,
      modbus: modbusSlaves(config).map((ref) => ref.name),
    })]),
    childSpec(TELEGRAM_VALIDATOR, telegramValidator, {
      integrations: integrations(config),
      crc: config.a1.crc,
      passthrough: config.passthrough.listen === ""
        ? "off"
        : config.passthrough.all
        ? "all"
        : "accepted",
    }),
    childSpec(A1_READER, a1Reader, {
      config: config.a1,
      makeSource: (clock) => sourceFromConfig(config.a1, clock),
    }),
  ];
}

/** The Modbus slaves the configuration enables: they receive every register image. */
export function modbusSlaves(config: Config): ActorRef<ModbusSlaveMsg>[] {
  return [
    ...(config.modbus.rtu.enabled ? [MODBUS_RTU] : []),
    ...(config.modbus.tcp.enabled ? [MODBUS_TCP] : []),
  ];
}

/** The integrations the configuration enables: they receive every accepted reading. */
export function integrations(config: Config): ActorRef<ReadingPublished>[] {
  return [...(config.mqtt.url === "" ? [] : [MQTT])];
}

/** Makes the LED driver `[leds] driver` names. */
export function makeLedDriver(config: Config): LedDriver {
  const log = getLogger(["a1mb", "leds"]);
  switch (config.leds.driver) {
    case "console":
      return new ConsoleLeds((line) => log.info(line));
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
  const mqtt = config.mqtt;
  if (mqtt.url !== "") {
    lines.push(
      `MQTT: ${mqtt.url}, topics ${mqtt.topic_prefix || "a1mb/<serial>"}/…, QoS ${mqtt.qos}, ` +
        `discovery ${mqtt.discovery ? `under ${mqtt.discovery_prefix}/` : "off"}`,
    );
  }
  return lines;
}
