/**
 * Picks the A1 source `[a1] source` names and builds its opener from the configuration.
 *
 * @module
 */
import type { A1SourceOpener } from "../drivers/a1_source/a1_source.ts";
import { fileSource } from "../drivers/a1_source/file_source.ts";
import { serialSource } from "../drivers/a1_source/serial_source.ts";
import { tcpSource } from "../drivers/a1_source/tcp_source.ts";
import type { Clock } from "../drivers/clock.ts";
import type { DataBits, Parity, StopBits } from "../drivers/serial/termios.ts";
import type { A1Config } from "../config/mod.ts";
import { simulatorSource } from "../actors/a1/simulator_source.ts";

/**
 * The opener for `config.source`.
 * @throws {TypeError} when a key the source needs is missing (the config validator prevents it)
 */
export function sourceFromConfig(config: A1Config, clock: Clock): A1SourceOpener {
  switch (config.source) {
    case "serial":
      return serialSource({
        device: config.device,
        settings: {
          baudRate: config.baud,
          dataBits: config.data_bits as DataBits,
          parity: config.parity as Parity,
          stopBits: config.stop_bits as StopBits,
        },
      });
    case "tcp":
      if (config.host === undefined || config.port === undefined) {
        throw new TypeError('Cannot open A1 source: source "tcp" needs a1.host and a1.port');
      }
      return tcpSource({ host: config.host, port: config.port, clock });
    case "file":
      if (config.file === undefined) {
        throw new TypeError('Cannot open A1 source: source "file" needs a1.file');
      }
      return fileSource({
        path: config.file,
        loop: config.loop,
        intervalMs: config.interval_ms,
        clock,
      });
    case "simulator":
      return simulatorSource({
        seed: config.simulator_seed,
        intervalMs: config.simulator_interval_ms,
        clock,
      });
    default: {
      const unknown: never = config.source;
      return unknown;
    }
  }
}
