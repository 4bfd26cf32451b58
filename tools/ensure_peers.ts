/**
 * The first step of `deno task test`: installs the Debian packages of `tools/debian_peers.txt`
 * that are missing. One `dpkg-query` call when everything is present, and then it is silent.
 * Otherwise it prints one line saying what it installs and runs `apt-get update` and
 * `apt-get install` as root, or through `sudo -n` when that works; failing both, it prints the
 * command to run and exits with 1. On a system without dpkg it says so and lets the tests run
 * (each test whose peer is missing fails and names the package).
 *
 * Run (as the `peers` task does):
 * `deno run --quiet --allow-read=tools/debian_peers.txt --allow-run=dpkg-query,apt-get,sudo,id tools/ensure_peers.ts`
 *
 * @module
 */

import {
  type AptCommand,
  aptCommands,
  chooseRoute,
  dpkgQueryArgs,
  manualCommand,
  missingPackages,
  parsePeerList,
} from "./peers.ts";

const LIST = new URL("./debian_peers.txt", import.meta.url);
const LIST_NAME = "tools/debian_peers.txt";

/** What a finished command said, or `undefined` when the program is not installed. */
interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(
  argv: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<Ran | undefined> {
  const [program, ...args] = argv;
  if (program === undefined) throw new TypeError("Cannot run an empty command");
  try {
    const out = await new Deno.Command(program, {
      args,
      env: { ...env },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder();
    return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

function say(line: string): void {
  const data = new TextEncoder().encode(line + "\n");
  let off = 0;
  while (off < data.length) off += Deno.stderr.writeSync(data.subarray(off));
}

/** Stdout and stderr of a failed command, trimmed, for the person reading the failure. */
function output(ran: Ran): string {
  return [ran.stdout.trim(), ran.stderr.trim()].filter((s) => s !== "").join("\n");
}

async function installed(names: readonly string[]): Promise<string[] | string> {
  const ran = await run(["dpkg-query", ...dpkgQueryArgs(names)]);
  if (ran === undefined) return "'dpkg-query' not found (not a Debian system?)";
  // Exit 1: some package is unknown to dpkg (it is missing); above 1: dpkg-query itself failed.
  if (ran.code > 1) return `'dpkg-query' exited with code ${ran.code}: ${output(ran)}`;
  return missingPackages(names, ran.stdout);
}

async function effectiveUid(): Promise<number | undefined> {
  const ran = await run(["id", "-u"]);
  if (ran === undefined || ran.code !== 0) return undefined;
  const uid = Number(ran.stdout.trim());
  return Number.isInteger(uid) ? uid : undefined;
}

async function main(): Promise<number> {
  let names: string[];
  try {
    names = parsePeerList(await Deno.readTextFile(LIST)).map((p) => p.name);
  } catch (error) {
    say(`Cannot read ${LIST_NAME}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const missing = await installed(names);
  if (typeof missing === "string") {
    say(`Cannot check the Debian packages the tests need: ${missing}`);
    say(`The tests need: ${names.join(" ")}`);
    return missing.startsWith("'dpkg-query' not found") ? 0 : 1;
  }
  if (missing.length === 0) return 0;

  const uid = await effectiveUid();
  const sudo = uid === 0 ? undefined : await run(["sudo", "-n", "true"]);
  const route = chooseRoute(uid, sudo?.code === 0);
  if (route === "manual") {
    const why = sudo === undefined ? "not root and no sudo" : "not root and sudo needs a password";
    say(`Cannot install the Debian packages the tests need (${missing.join(" ")}): ${why}. Run:`);
    say(`  ${manualCommand(missing, sudo !== undefined)}`);
    say("then run the tests again.");
    return 1;
  }

  say(
    `Installing the Debian packages the tests need: ${missing.join(" ")} (apt-get ${
      route === "root" ? "as root" : "through sudo"
    })`,
  );
  for (const command of aptCommands(missing, route)) {
    const failure = await failed(command);
    if (failure !== undefined) {
      say(`Cannot install the Debian packages the tests need: ${failure}`);
      return 1;
    }
  }
  const still = await installed(names);
  if (typeof still === "string" || still.length > 0) {
    const what = typeof still === "string"
      ? still
      : `still missing after apt-get: ${still.join(" ")}`;
    say(`Cannot install the Debian packages the tests need: ${what}`);
    return 1;
  }
  return 0;
}

/** Runs `command`; its failure as text, or `undefined` when it succeeded. */
async function failed(command: AptCommand): Promise<string | undefined> {
  const shown = command.argv.slice(0, command.argv.indexOf("apt-get") + 2).join(" ");
  const ran = await run(command.argv, command.env);
  if (ran === undefined) return `'${shown}': ${command.argv[0]} not found`;
  if (ran.code === 0) return undefined;
  return `'${shown}' exited with code ${ran.code}:\n${output(ran)}`;
}

if (import.meta.main) Deno.exit(await main());
