/**
 * Real peer masters for the interop tests: pymodbus (Debian python3-pymodbus 3.0, run with
 * /usr/bin/python3) through a small scripted master, and mbpoll (libmodbus). A missing peer fails
 * the test with a clear message, never skips it.
 *
 * @module
 */

/** The Debian python with python3-pymodbus. */
export const PYTHON = "/usr/bin/python3";

const PYMODBUS_MASTER = new URL("./_peers/pymodbus_master.py", import.meta.url).pathname;

/** One pymodbus operation. */
export type PyOp =
  | {
    op: "read_input" | "read_holding" | "read_coils";
    address: number;
    count: number;
    slave?: number;
  }
  | { op: "write_register"; address: number; value: number; slave?: number }
  | { op: "write_registers"; address: number; values: number[]; slave?: number };

/** What pymodbus got for one operation. */
export type PyResult =
  | { registers: number[] }
  | { ok: true }
  | { exception: number }
  | { error: string };

/** Where pymodbus connects. */
export type PyTarget =
  | { transport: "rtu"; device: string; baud?: number }
  | { transport: "tcp"; host: string; port: number };

async function run(command: string, args: string[], what: string): Promise<Deno.CommandOutput> {
  try {
    return await new Deno.Command(command, { args, stdout: "piped", stderr: "piped" }).output();
  } catch (error) {
    throw new Error(`${what} is missing (${command}): ${error}`);
  }
}

/** Fails with a clear message unless python3-pymodbus is installed at /usr/bin/python3. */
export async function requirePymodbus(): Promise<void> {
  const out = await run(
    PYTHON,
    ["-c", "import pymodbus; print(pymodbus.__version__)"],
    "python3-pymodbus",
  );
  if (out.code !== 0) {
    throw new Error(
      `python3-pymodbus is missing: install the Debian package python3-pymodbus (${
        new TextDecoder().decode(out.stderr).trim()
      })`,
    );
  }
}

/** Runs pymodbus operations in order; one result per operation. */
export async function pymodbus(target: PyTarget, ops: PyOp[]): Promise<PyResult[]> {
  const spec = { ...target, ops, timeout: 2 };
  const out = await run(PYTHON, [PYMODBUS_MASTER, JSON.stringify(spec)], "python3-pymodbus");
  const text = new TextDecoder().decode(out.stdout).trim();
  if (out.code !== 0 || text === "") {
    throw new Error(`pymodbus master failed: ${new TextDecoder().decode(out.stderr)} ${text}`);
  }
  return JSON.parse(text.split("\n").at(-1)!) as PyResult[];
}

/** Fails with a clear message unless mbpoll is installed. */
export async function requireMbpoll(): Promise<void> {
  const out = await run("mbpoll", ["-V"], "mbpoll (Debian package mbpoll)");
  if (out.code !== 0) throw new Error("mbpoll does not run: install the Debian package mbpoll");
}

/** What mbpoll printed: the values read (by reference), and its error text if any. */
export interface MbpollResult {
  readonly code: number;
  readonly values: string[];
  readonly error: string;
}

/**
 * Runs mbpoll once with 0-based references (`-0 -1`), after `args` (mode, address, type…) and
 * `target` (device or host), then any values to write.
 */
export async function mbpoll(
  args: string[],
  target: string,
  write: string[] = [],
): Promise<MbpollResult> {
  const out = await run(
    "mbpoll",
    ["-0", "-1", "-o", "2", ...args, target, ...write],
    "mbpoll (Debian package mbpoll)",
  );
  const stdout = new TextDecoder().decode(out.stdout);
  const stderr = new TextDecoder().decode(out.stderr);
  const values = [...stdout.matchAll(/^\[\d+\]:\s+(\S+)/gm)].map((m) => m[1]!);
  return { code: out.code, values, error: (stderr + stdout).trim() };
}
