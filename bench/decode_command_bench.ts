/**
 * `a1mb decode` as a user runs it (issue 14, goal 6): the whole command (start-up, reading,
 * framing, CRC, parsing, JSON output to /dev/null) on N copies of the 13-month Fluvius telegram,
 * CPU time (user + system, from the shell's `times`) per telegram; beside it, in the same run,
 * ndokter/dsmr_parser's parse + to_json on the same bytes (CPU time per telegram, in one Python
 * process, after a warm-up) when its source is available.
 *
 *   deno run -A bench/decode_command_bench.ts [--copies 5000] [--runs 5] [--bundle]
 *     [--peer-python /usr/bin/python3 --peer-path DIR]
 *
 * (or A1MB_PEER_PYTHON / A1MB_PEER_DSMR_PARSER). The peer's source is fetched outside the
 * repository (never committed); it imports `dlms_cosem` only for encrypted telegrams, for which a
 * stub does. Without it the peer is reported as not measured.
 *
 * @module
 */
import { bundle, RUN_PERMISSIONS, RUN_V8_FLAGS } from "../tests/build/_bundle.ts";
import { FLUVIUS_13_MONTHS, ROOT } from "./_a1mb_command.ts";
import { median } from "./_stats.ts";

const SAMPLE = FLUVIUS_13_MONTHS;
const GOAL_US = 40;
const GOAL_RATIO = 20;

function option(name: string, env?: string): string | undefined {
  const at = Deno.args.indexOf(name);
  return at >= 0 ? Deno.args[at + 1] : env === undefined ? undefined : Deno.env.get(env);
}
const copies = Number(option("--copies") ?? 5000);
const runs = Number(option("--runs") ?? 5);
const say = (line: string) => Deno.stdout.writeSync(new TextEncoder().encode(`${line}\n`));

/** CPU seconds (user + system) the shell's children used running `command`. */
async function childCpuSeconds(command: string[]): Promise<number> {
  const quoted = command.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
  const out = await new Deno.Command("bash", {
    args: ["-c", `${quoted} > /dev/null || exit 1; times`],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(`Cannot run ${command.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  }
  // `times`: the shell's user/system, then its children's, as "0m0.310s 0m0.052s".
  const children = new TextDecoder().decode(out.stdout).trim().split("\n").at(-1) ?? "";
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)]
    .map(([, m, s]) => Number(m) * 60 + Number(s));
  if (seconds.length !== 2) throw new Error(`Cannot read the shell's times: "${children}"`);
  return seconds[0]! + seconds[1]!;
}

async function peerUs(dir: string): Promise<{ us: number; label: string } | null> {
  const python = option("--peer-python", "A1MB_PEER_PYTHON") ?? "/usr/bin/python3";
  const path = option("--peer-path", "A1MB_PEER_DSMR_PARSER");
  if (path === undefined) return null;
  const out = await new Deno.Command(python, {
    args: [`${ROOT}bench/_peers/dsmr_parser_bench.py`, path, SAMPLE, "300", `${runs}`, "to_json"],
    stdout: "piped",
    stderr: "piped",
    cwd: dir,
  }).output();
  if (!out.success) {
    const why = new TextDecoder().decode(out.stderr).trim().split("\n").at(-1);
    throw new Error(`Cannot run the dsmr_parser peer: ${why}`);
  }
  const r = JSON.parse(new TextDecoder().decode(out.stdout)) as {
    us_per_telegram: number;
    python: string;
  };
  let version = "source";
  try {
    version = Deno.readTextFileSync(`${path}/PEER_VERSION.txt`).split("\n")[0]!;
  } catch { /* no version note beside the source */ }
  return { us: r.us_per_telegram, label: `${version}, Python ${r.python}` };
}

async function main(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "a1mb-decode-command-" });
  try {
    const one = await Deno.readFile(SAMPLE);
    const many = new Uint8Array(one.length * copies);
    for (let i = 0; i < copies; i++) many.set(one, i * one.length);
    const input = `${dir}/telegrams.txt`;
    await Deno.writeFile(input, many);
    let command = [Deno.execPath(), "run", "-A", ...RUN_V8_FLAGS, `${ROOT}main.ts`];
    if (Deno.args.includes("--bundle")) {
      await bundle("variants/sdm630/main.ts", `${dir}/a1mb.js`);
      command = [
        Deno.execPath(),
        "run",
        "--no-config",
        ...RUN_PERMISSIONS,
        ...RUN_V8_FLAGS,
        `${dir}/a1mb.js`,
      ];
    }
    const decode = [...command, "decode", input];
    const version = [...command, "--version"];
    await childCpuSeconds(decode); // warms the module cache
    const perTelegram: number[] = [];
    const startUp: number[] = [];
    for (let run = 0; run < runs; run++) {
      perTelegram.push((await childCpuSeconds(decode)) * 1e6 / copies);
      startUp.push((await childCpuSeconds(version)) * 1e6 / copies);
    }
    const a1mb = median(perTelegram);
    say(
      `a1mb decode (${
        Deno.args.includes("--bundle") ? "bundle" : "from source"
      }), ${copies} copies of the 13-month Fluvius telegram (${one.length} bytes), JSON to /dev/null, median of ${runs} runs:`,
    );
    say(
      `  CPU per telegram: ${a1mb.toFixed(1)} µs (runs ${
        perTelegram.map((u) => u.toFixed(1)).join(", ")
      }), of which start-up (a1mb --version) ${median(startUp).toFixed(1)} µs`,
    );
    say(`  goal ≤ ${GOAL_US} µs: ${a1mb <= GOAL_US ? "met" : "NOT met"}`);
    const peer = await peerUs(dir);
    if (peer === null) {
      say("peer: ndokter/dsmr_parser not measured (no --peer-path)");
      return;
    }
    say(
      `peer: ndokter/dsmr_parser parse + to_json (${peer.label}): ${
        peer.us.toFixed(1)
      } µs CPU per telegram`,
    );
    const ratio = peer.us / a1mb;
    say(
      `  ratio peer / a1mb: ${ratio.toFixed(1)}× (goal ≥ ${GOAL_RATIO}×: ${
        ratio >= GOAL_RATIO ? "met" : "NOT met"
      })`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) await main();
