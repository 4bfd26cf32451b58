/**
 * Process helpers of the Modbus benchmark: start a server or a tool, wait for its "ready" line,
 * read its CPU time and memory from /proc, stop it by its own pid.
 *
 * @module
 */
import { spawnFollowed } from "../tests/_child_process.ts";

/** A process started by the benchmark. */
export interface BenchProcess {
  readonly pid: number;
  /** Lines printed so far (stdout and stderr). */
  readonly lines: string[];
  /** Resolves with the first line matching `pattern` (lines already seen included). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Writes a line to its stdin. */
  send(line: string): Promise<void>;
  /** Resolves when it exits on its own. */
  readonly exited: Promise<Deno.CommandStatus>;
  /** Stops it (SIGTERM, then SIGKILL) and waits for it. */
  stop(): Promise<void>;
}

/** Starts `command args` with piped stdio, following its output line by line. */
export function startProcess(
  command: string,
  args: string[],
  cwd?: string,
  env?: Record<string, string>,
): BenchProcess {
  const child = spawnFollowed(command, args, { cwd, env, stdin: "piped", killAfterMs: 3000 });
  return {
    pid: child.pid,
    lines: child.lines,
    waitFor: (pattern, timeoutMs = 20_000) => child.waitForLine(pattern, timeoutMs),
    send: (line) => child.writeLine(line),
    exited: child.status,
    stop: async () => {
      await child.stop();
    },
  };
}

/** User + system CPU time of a process so far, in ms (from /proc/PID/stat). */
export function cpuMs(pid: number): number {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // After the command: state is field 3 of stat(5); utime and stime are fields 14 and 15.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / 100; // CLK_TCK = 100 on Linux
}

/** Resident memory now and at its peak, in MB (from /proc/PID/status). */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1]);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

/** Runs a tool to completion and parses the JSON line it prints last. */
export async function runJson<T>(command: string, args: string[]): Promise<T> {
  const out = await new Deno.Command(command, { args, stdout: "piped", stderr: "piped" }).output();
  const text = new TextDecoder().decode(out.stdout).trim();
  if (out.code !== 0) {
    throw new Error(`${command} failed (${out.code}): ${new TextDecoder().decode(out.stderr)}`);
  }
  return JSON.parse(text.split("\n").at(-1)!) as T;
}

/** A TCP port nobody listens on now. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}
