/**
 * Runs a small Deno script in a child process, for behaviour that needs a separate process:
 * exclusive access and exiting with reads pending.
 *
 * @module
 */

/** URL of the serial driver's public module, for child scripts to import. */
export const SERIAL_MOD_URL = new URL("../../../drivers/serial/mod.ts", import.meta.url).href;

/** Result of a child run; `hung` is true if it had to be killed at the deadline. */
export interface ChildResult {
  code: number;
  stdout: string;
  stderr: string;
  hung: boolean;
}

/** Options of {@linkcode runScript}. */
export interface RunScriptOptions {
  /** Run without CAP_SYS_ADMIN (through setpriv when this process has it). */
  dropSysAdmin?: boolean;
  /** Kill the child after this many ms and report `hung`. */
  deadlineMs?: number;
}

/** True if this process has CAP_SYS_ADMIN (bit 21 of CapEff), e.g. when running as root. */
export function hasCapSysAdmin(): boolean {
  const status = Deno.readTextFileSync("/proc/self/status");
  const hex = /^CapEff:\s*([0-9a-f]+)$/m.exec(status)?.[1] ?? "0";
  return (BigInt(`0x${hex}`) & (1n << 21n)) !== 0n;
}

/** Writes `source` to a temp dir and runs it with `deno run -A`, passing `args`. */
export async function runScript(
  source: string,
  args: readonly string[],
  options: RunScriptOptions = {},
): Promise<ChildResult> {
  const dir = await Deno.makeTempDir({ prefix: "a1mb-serial-" });
  try {
    const script = `${dir}/child.ts`;
    await Deno.writeTextFile(script, source);
    const deno = [Deno.execPath(), "run", "-A", "--no-config", script, ...args];
    const argv = options.dropSysAdmin === true && hasCapSysAdmin()
      ? ["setpriv", "--bounding-set=-sys_admin", "--inh-caps=-sys_admin", "--", ...deno]
      : deno;
    const [command = "", ...rest] = argv;
    const child = new Deno.Command(command, {
      args: rest,
      cwd: dir,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill("SIGKILL");
    }, options.deadlineMs ?? 20_000);
    const output = await child.output();
    clearTimeout(timer);
    const decoder = new TextDecoder();
    return {
      code: output.code,
      stdout: decoder.decode(output.stdout),
      stderr: decoder.decode(output.stderr),
      hung,
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
