/**
 * The Debian peers of the test suite, without I/O: the format of `tools/debian_peers.txt`, which
 * packages dpkg-query says are missing, and how to install them (as root, through `sudo -n`, or by
 * hand). `tools/ensure_peers.ts` runs what these functions decide.
 *
 * @example From the list to the commands
 * ```ts
 * import { aptCommands, chooseRoute, missingPackages, parsePeerList } from "./peers.ts";
 *
 * const peers = parsePeerList("mbpoll # tests/interop\nsocat # tests/e2e\n");
 * const names = peers.map((p) => p.name);
 * const missing = missingPackages(names, "socat\tinstalled\n");
 * const route = chooseRoute(0, false);
 * if (route === "manual") throw new Error("root can always install");
 * const commands = aptCommands(missing, route);
 * if (commands[1]?.argv.at(-1) !== "mbpoll") throw new Error("only mbpoll is missing");
 * ```
 *
 * @module
 */

/** One package of the list: its name, what needs it, and where it was written. */
export interface PeerPackage {
  /** The Debian package name, optionally with `:arch` (e.g. `libc6:arm64`). */
  readonly name: string;
  /** Which tests or benches need it (the text after `#`). */
  readonly comment: string;
  /** Its line in the list, from 1. */
  readonly line: number;
}

/** A Debian package name (policy 5.6.1), with an optional `:architecture` qualifier. */
const PACKAGE_NAME = /^[a-z0-9][a-z0-9+.-]+(:[a-z0-9-]+)?$/;

/**
 * Reads the peer list: one package per line followed by `#` and what needs it; blank lines and
 * lines starting with `#` are skipped.
 *
 * @throws {SyntaxError} naming the line for a bad package name, a second word, a missing comment
 * or a package listed twice.
 *
 * @example
 * ```ts
 * import { parsePeerList } from "./peers.ts";
 *
 * const [socat] = parsePeerList("# peers\nsocat  # linked pty pairs (tests/e2e)\n");
 * if (socat?.name !== "socat" || socat.line !== 2) throw new Error("unexpected");
 * ```
 */
export function parsePeerList(text: string): PeerPackage[] {
  const packages: PeerPackage[] = [];
  const seen = new Map<string, number>();
  text.split("\n").forEach((raw, index) => {
    const line = index + 1;
    const hash = raw.indexOf("#");
    const body = (hash < 0 ? raw : raw.slice(0, hash)).trim();
    if (body === "") return;
    const comment = hash < 0 ? "" : raw.slice(hash + 1).trim();
    const words = body.split(/\s+/);
    const name = words[0] ?? "";
    if (words.length > 1) {
      throw new SyntaxError(`Line ${line}: one package per line, got "${body}"`);
    }
    if (!PACKAGE_NAME.test(name)) {
      throw new SyntaxError(`Line ${line}: "${name}" is not a Debian package name`);
    }
    if (comment === "") {
      throw new SyntaxError(`Line ${line}: "${name}" needs a comment saying which tests need it`);
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw new SyntaxError(`Line ${line}: "${name}" is already listed on line ${first}`);
    }
    seen.set(name, line);
    packages.push({ name, comment, line });
  });
  return packages;
}

/** The `dpkg-query` output format {@linkcode dpkgQueryArgs} asks for: package, tab, state. */
export const DPKG_QUERY_FORMAT = "${binary:Package}\\t${db:Status-Status}\\n";

/**
 * Arguments for one `dpkg-query` call that reports the state of every package at once. It exits
 * with 1 (and says so on stderr) when some package is unknown to dpkg: that one is missing.
 *
 * @example
 * ```ts
 * import { dpkgQueryArgs } from "./peers.ts";
 *
 * const args = dpkgQueryArgs(["socat", "mbpoll"]);
 * if (args[0] !== "-W" || args.length !== 4) throw new Error("unexpected");
 * ```
 */
export function dpkgQueryArgs(packages: readonly string[]): string[] {
  return ["-W", `-f=${DPKG_QUERY_FORMAT}`, ...packages];
}

/**
 * The packages of `wanted` that `dpkgOutput` (in {@linkcode DPKG_QUERY_FORMAT}) does not show as
 * installed, in the order of `wanted`. Unknown packages, removed ones (`config-files`) and half
 * installed ones are missing. A name without `:arch` matches any architecture.
 *
 * @example
 * ```ts
 * import { missingPackages } from "./peers.ts";
 *
 * const out = "libc6:amd64\tinstalled\nsocat\tconfig-files\n";
 * const missing = missingPackages(["libc6", "socat", "mbpoll"], out);
 * if (missing.join(" ") !== "socat mbpoll") throw new Error("unexpected");
 * ```
 */
export function missingPackages(wanted: readonly string[], dpkgOutput: string): string[] {
  const installed = new Set<string>();
  for (const line of dpkgOutput.split("\n")) {
    const [pkg, state] = line.split("\t");
    if (pkg === undefined || state?.trim() !== "installed") continue;
    installed.add(pkg);
    const colon = pkg.indexOf(":");
    if (colon > 0) installed.add(pkg.slice(0, colon));
  }
  return wanted.filter((name) => !installed.has(name));
}

/** How the missing packages get installed: by us as root, by us through `sudo -n`, or by hand. */
export type InstallRoute = "root" | "sudo" | "manual";

/**
 * Decides the route: root installs directly; anyone else through `sudo -n` when it works (no
 * password asked), otherwise by hand.
 *
 * @param uid the effective user id, `undefined` when it could not be read (treated as not root).
 * @param sudoWorks whether `sudo -n true` succeeded.
 *
 * @example
 * ```ts
 * import { chooseRoute } from "./peers.ts";
 *
 * if (chooseRoute(1000, false) !== "manual") throw new Error("unexpected");
 * ```
 */
export function chooseRoute(uid: number | undefined, sudoWorks: boolean): InstallRoute {
  if (uid === 0) return "root";
  return sudoWorks ? "sudo" : "manual";
}

/** A command to run: its argument vector and extra environment variables. */
export interface AptCommand {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/** Options of `apt-get install`: no questions, no recommended extras. */
const INSTALL_OPTIONS = ["-y", "-q", "--no-install-recommends"] as const;

/**
 * The two commands that install `missing`: `apt-get update`, then `apt-get install` of exactly
 * those packages, non-interactive. Through sudo, `DEBIAN_FRONTEND` goes on the command line
 * (sudo drops the caller's environment).
 *
 * @example
 * ```ts
 * import { aptCommands } from "./peers.ts";
 *
 * const [update, install] = aptCommands(["mbpoll"], "sudo");
 * if (update?.argv.join(" ") !== "sudo -n apt-get update -q") throw new Error("unexpected");
 * if (install?.argv[2] !== "DEBIAN_FRONTEND=noninteractive") throw new Error("unexpected");
 * ```
 */
export function aptCommands(
  missing: readonly string[],
  route: Exclude<InstallRoute, "manual">,
): AptCommand[] {
  const update = ["apt-get", "update", "-q"];
  const install = ["apt-get", "install", ...INSTALL_OPTIONS, ...missing];
  if (route === "root") {
    return [
      { argv: update, env: {} },
      { argv: install, env: { DEBIAN_FRONTEND: "noninteractive" } },
    ];
  }
  return [
    { argv: ["sudo", "-n", ...update], env: {} },
    { argv: ["sudo", "-n", "DEBIAN_FRONTEND=noninteractive", ...install], env: {} },
  ];
}

/**
 * The shell command a person runs to install `missing` by hand: with `sudo` in front when sudo
 * exists (it only wanted a password), as is for root otherwise.
 *
 * @example
 * ```ts
 * import { manualCommand } from "./peers.ts";
 *
 * const line = manualCommand(["mbpoll", "socat"], true);
 * const expected =
 *   "sudo apt-get update && sudo apt-get install -y -q --no-install-recommends mbpoll socat";
 * if (line !== expected) throw new Error(line);
 * ```
 */
export function manualCommand(missing: readonly string[], sudoPresent: boolean): string {
  const sudo = sudoPresent ? "sudo " : "";
  const install = ["apt-get", "install", ...INSTALL_OPTIONS, ...missing].join(" ");
  return `${sudo}apt-get update && ${sudo}${install}`;
}
