/**
 * Process helpers of the Modbus benchmark: start a server or a tool, wait for its "ready" line,
 * read its CPU time and memory from /proc, stop it by its own pid.
 *
 * @module
 */

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
  const child = new Deno.Command(command, {
    args,
    ...(cwd === undefined ? {} : { cwd }),
    ...(env === undefined ? {} : { env }),
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const follow = async (stream: ReadableStream<Uint8Array>) => {
    let rest = "";
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
      rest += chunk;
      const parts = rest.split("\n");
      rest = parts.pop() ?? "";
      for (const line of parts) {
        lines.push(line);
        for (const w of [...waiters]) {
          if (w.pattern.test(line)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(line);
          }
        }
      }
    }
  };
  const followed = Promise.all([follow(child.stdout), follow(child.stderr)]);
  const writer = child.stdin.getWriter();
  const exited = child.status;
  let stopped: Promise<void> | null = null;
  return {
    pid: child.pid,
    lines,
    waitFor(pattern, timeoutMs = 20_000) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${command}: no line matching ${pattern}:\n${lines.join("\n")}`)),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
      });
    },
    send: (line) => writer.write(new TextEncoder().encode(`${line}\n`)),
    exited,
    stop() {
      stopped ??= (async () => {
        try {
          child.kill("SIGTERM");
        } catch { /* gone */ }
        const kill = setTimeout(() => {
          try {
            child.kill("SIGKILL");
          } catch { /* gone */ }
        }, 3000);
        await exited;
        clearTimeout(kill);
        try {
          await writer.close();
        } catch { /* closed */ }
        await followed;
      })();
      return stopped;
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
