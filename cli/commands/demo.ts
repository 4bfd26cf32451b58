/**
 * `a1mb demo`: the main job on the embedded default, with no hardware. A built-in meter
 * simulator writes e-MUCS telegrams into a pseudo-terminal that a1mb reads like a P1 cable; a1mb
 * answers Modbus RTU on a second pseudo-terminal (bridged to the one a master opens) and Modbus
 * TCP on 127.0.0.1:1502. Prints both endpoints, ready-to-paste `mbpoll` commands, then one
 * summary line per second.
 *
 * @module
 */
import { type Config, type ConfigBuild, configDefaults, parseHostPort } from "../../config/mod.ts";
import { runMeterSimulator } from "../../actors/a1/simulator_feed.ts";
import { systemClock } from "../../drivers/clock.ts";
import { bridgePorts } from "../../drivers/serial/bridge.ts";
import { openPtyPair, type PtyPair } from "../../drivers/serial/pty.ts";
import { boolFlag, intFlag, parseCommandArgs, stringFlag } from "../args.ts";
import { type Command, UsageError } from "../command.ts";
import type { Printer } from "../printer.ts";
import { startHost } from "../runtime_host.ts";
import type { StatusSnapshot } from "../status/snapshot.ts";

/** The `demo` command. */
export const demoCommand: Command = {
  name: "demo",
  synopsis: "demo [--tcp HOST:PORT] [--seed N] [--interval-ms N] [--duration S] [--verbose]",
  summary: "simulated meter → a1mb → Modbus RTU (pty) and TCP, with a live summary",
  async run(args, { printer, build }) {
    const parsed = parseCommandArgs("demo", args, {
      tcp: { type: "string" },
      seed: { type: "string" },
      "interval-ms": { type: "string" },
      duration: { type: "string" },
      verbose: { type: "boolean" },
    }, 0);
    const listen = stringFlag(parsed, "tcp") ?? "127.0.0.1:1502";
    const address = parseHostPort(listen);
    if (!address.ok) throw new UsageError(`demo: option "--tcp" ${address.reason}`);
    const seed = intFlag(parsed, "seed", 0, 0xffff_ffff) ?? 1;
    const intervalMs = intFlag(parsed, "interval-ms", 100, 60_000) ?? 1000;
    const durationS = intFlag(parsed, "duration", 1, 86_400);

    const meter = openPtyPair(); // simulator → a1mb's A1 input
    const device = openPtyPair(); // a1mb's RTU port
    const user = openPtyPair(); // what a Modbus master opens
    const dir = await Deno.makeTempDir({ prefix: "a1mb-demo-" });
    const stop = new AbortController();
    try {
      const config = demoConfig(
        meter.slavePath,
        device.slavePath,
        listen,
        boolFlag(parsed, "verbose"),
        build.variant,
      );
      // A real file, so settings written over Modbus are saved (and survive the demo's reboot).
      const configPath = `${dir}/config.toml`;
      await Deno.writeTextFile(configPath, demoToml(config));
      const host = await startHost({ configPath, build, printer }, config);
      const bridge = bridgePorts(device.master, user.master, stop.signal).catch(() => {});
      const simulator = runMeterSimulator({
        seed,
        intervalMs,
        gas: true,
        clock: systemClock,
        signal: stop.signal,
        write: (bytes) => meter.master.write(bytes),
      }).catch(() => 0);
      printIntro(printer, user, config, configPath, build.variant.functionCodes.fc04 === "input");
      const ticker = setInterval(async () => {
        try {
          printer.out(summaryLine(await host.snapshot()));
        } catch { /* stopping */ }
      }, 1000);
      const stopAfter = durationS === undefined ? undefined : setTimeout(
        () => void host.supervisor.stop(`demo over after ${durationS} s`),
        durationS * 1000,
      );
      const code = await host.exit;
      clearInterval(ticker);
      clearTimeout(stopAfter);
      stop.abort();
      await Promise.all([bridge, simulator]);
      return code;
    } finally {
      stop.abort();
      await Promise.allSettled([meter.close(), device.close(), user.close()]);
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  },
};

/** The embedded default, wired to the demo's pseudo-terminals and TCP address. */
export function demoConfig(
  meterPath: string,
  rtuPath: string,
  listen: string,
  verbose: boolean,
  build?: ConfigBuild,
): Config {
  const d = configDefaults(build);
  return {
    ...d,
    a1: { ...d.a1, source: "serial", device: meterPath, data_request: "none" },
    modbus: {
      rtu: { ...d.modbus.rtu, device: rtuPath },
      tcp: { ...d.modbus.tcp, enabled: true, listen },
    },
    leds: { ...d.leds, driver: "none" },
    log: { ...d.log, level: verbose ? "info" : "warning" },
    control: { ...d.control, socket: "" },
  };
}

/** The keys the demo changes, as a small TOML file (everything else is the default). */
function demoToml(c: Config): string {
  return [
    "# a1mb demo configuration (written by `a1mb demo`; removed when it ends)",
    "[a1]",
    `device = "${c.a1.device}"`,
    `data_request = "none"`,
    "[modbus.rtu]",
    `device = "${c.modbus.rtu.device}"`,
    "[modbus.tcp]",
    "enabled = true",
    `listen = "${c.modbus.tcp.listen}"`,
    "[leds]",
    `driver = "none"`,
    "[log]",
    `level = "${c.log.level}"`,
    "[control]",
    `socket = ""`,
    "",
  ].join("\n");
}

function printIntro(
  printer: Printer,
  user: PtyPair,
  c: Config,
  configPath: string,
  eastron: boolean,
): void {
  const rtu = c.modbus.rtu;
  const [host, port] = splitListen(c.modbus.tcp.listen);
  printer.out(
    `Meter:      built-in simulator (e-MUCS, 3 phases, gas) → a1mb A1 input ${c.a1.device}`,
  );
  printer.out(`Modbus RTU: ${user.slavePath}  ${rtu.baud} 8N1, address ${rtu.address}`);
  printer.out(`Modbus TCP: ${c.modbus.tcp.listen}  unit ${rtu.address}`);
  printer.out(`Config:     ${configPath} (settings written over Modbus are saved here)`);
  if (eastron) {
    printer.out(
      "Try (total power, then phase voltages, currents and powers; float32, big-endian):",
    );
    printer.out(
      `  mbpoll -m rtu -a ${rtu.address} -b ${rtu.baud} -P none -t 3:float -B -r 53 -c 1 -1 ${user.slavePath}`,
    );
    printer.out(`  mbpoll -m tcp -a ${rtu.address} -p ${port} -t 3:float -B -r 1 -c 9 -1 ${host}`);
  } else {
    printer.out("`a1mb map` lists this build's registers and the function code that reads them.");
  }
  printer.out("Ctrl-C stops the demo.");
}

function splitListen(listen: string): [string, string] {
  const i = listen.lastIndexOf(":");
  return [listen.slice(0, i).replace(/^\[|\]$/g, ""), listen.slice(i + 1)];
}

/** One line: power per phase, total, last telegram age, requests served. */
export function summaryLine(s: StatusSnapshot): string {
  const m = s.a1.registers?.measurements ?? {};
  const watts = (imp: number | undefined, exp: number | undefined) =>
    imp === undefined && exp === undefined ? "    -   " : `${signed((imp ?? 0) - (exp ?? 0))} W`;
  const age = s.a1.registers?.last_telegram_age_s;
  const t = s.a1.telegrams;
  const rtu = s.modbus.rtu?.counters.requests ?? 0;
  const tcp = s.modbus.tcp?.counters.requests ?? 0;
  return [
    new Date().toISOString().slice(11, 19),
    `L1 ${watts(m.powerImportL1W, m.powerExportL1W)}`,
    `L2 ${watts(m.powerImportL2W, m.powerExportL2W)}`,
    `L3 ${watts(m.powerImportL3W, m.powerExportL3W)}`,
    `total ${watts(m.powerImportW, m.powerExportW)}`,
    `telegram ${age === null || age === undefined ? "never" : `${age.toFixed(1)} s ago`} (${
      t?.accepted ?? 0
    } ok, ${t?.rejected ?? 0} bad)`,
    `requests RTU ${rtu} TCP ${tcp}`,
  ].join(" | ");
}

function signed(w: number): string {
  return `${w >= 0 ? "+" : "-"}${Math.abs(Math.round(w)).toString().padStart(5)}`;
}
