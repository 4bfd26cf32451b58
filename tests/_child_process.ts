/**
 * A child process whose stdout and stderr are followed line by line, for the tests and benches
 * that run the real a1mb process or a peer: wait for a line, read every line so far, stop it.
 *
 * @module
 */

/** How to start a followed child. */
export interface FollowedOptions {
  readonly cwd?: string | URL | undefined;
  /** Extra environment variables (the rest is inherited). */
  readonly env?: Record<string, string> | undefined;
  /** `"piped"` to write lines to it with {@linkcode FollowedChild.writeLine}; default `"null"`. */
  readonly stdin?: "piped" | "null";
  /** After SIGTERM, how long it may take to exit before SIGKILL, ms (default 5000). */
  readonly killAfterMs?: number;
}

/** A running child with its output followed. */
export interface FollowedChild {
  readonly pid: number;
  /** Every line printed so far, stdout and stderr interleaved as they arrived. */
  readonly lines: string[];
  /** Its exit status, once it exits. */
  readonly status: Promise<Deno.CommandStatus>;
  /** Resolves with the first line matching `pattern`, lines already printed included. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<string>;
  /** Writes `line` and a newline to its stdin (started with `stdin: "piped"`). */
  writeLine(line: string): Promise<void>;
  /** SIGTERM, then SIGKILL after `killAfterMs`; resolves with the exit code once output ended. */
  stop(): Promise<number>;
}

/** Starts `command args` and follows its output. */
export function spawnFollowed(
  command: string,
  args: readonly string[],
  options: FollowedOptions = {},
): FollowedChild {
  const stdin = options.stdin ?? "null";
  const child = new Deno.Command(command, {
    args: [...args],
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    ...(options.env === undefined ? {} : { env: options.env }),
    stdin,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines: string[] = [];
  const waiters = new Set<{ pattern: RegExp; resolve: (line: string) => void }>();
  const take = (line: string) => {
    lines.push(line);
    for (const w of waiters) {
      if (w.pattern.test(line)) {
        waiters.delete(w);
        w.resolve(line);
      }
    }
  };
  const follow = async (stream: ReadableStream<Uint8Array>) => {
    let rest = "";
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop() ?? "";
      for (const line of parts) take(line);
    }
    if (rest !== "") take(rest);
  };
  const followed = Promise.all([follow(child.stdout), follow(child.stderr)]);
  const writer = stdin === "piped" ? child.stdin.getWriter() : null;
  let stopped: Promise<number> | null = null;
  return {
    pid: child.pid,
    lines,
    status: child.status,
    waitForLine(pattern, timeoutMs) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = {
          pattern,
          resolve: (line: string) => {
            clearTimeout(timer);
            resolve(line);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(
              `${command}: no line matching ${pattern} within ${timeoutMs} ms:\n${
                lines.join("\n")
              }`,
            ),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    writeLine(line) {
      if (writer === null) throw new TypeError(`${command}: started without a piped stdin`);
      return writer.write(new TextEncoder().encode(`${line}\n`));
    },
    stop() {
      stopped ??= (async () => {
        try {
          child.kill("SIGTERM");
        } catch { /* already gone */ }
        const kill = setTimeout(() => {
          try {
            child.kill("SIGKILL");
          } catch { /* already gone */ }
        }, options.killAfterMs ?? 5000);
        const status = await child.status;
        clearTimeout(kill);
        try {
          await writer?.close();
        } catch { /* closed with the process */ }
        await followed;
        return status.code;
      })();
      return stopped;
    },
  };
}
