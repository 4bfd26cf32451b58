/**
 * The bare Deno peer of a1mb's Modbus TCP benchmark: answers every 12-byte request with fixed
 * bytes (the FC04 reply of 2 registers, 230.2 V), copying only the transaction id. No decoding,
 * no image, no actors: the floor of a Modbus TCP server written on Deno's socket API.
 *
 * With `--idle-worker` it also starts a worker thread that does nothing: the memory floor of any
 * design with a second JavaScript engine (a1mb's RTU worker is one).
 *
 * Usage: deno run -A bench/_peers/bare_tcp_responder.ts PORT [--idle-worker]
 *
 * @module
 */

const REPLY = Uint8Array.of(0, 0, 0, 0, 0, 7, 2, 0x04, 0x04, 0x43, 0x66, 0x33, 0x34);

async function serve(conn: Deno.TcpConn): Promise<void> {
  conn.setNoDelay(true);
  const input = new Uint8Array(4096);
  const out = new Uint8Array(4096 / 12 * 13 + 13);
  try {
    for (;;) {
      const n = await conn.read(input);
      if (n === null) return;
      let used = 0;
      for (let at = 0; at + 12 <= n; at += 12) {
        out.set(REPLY, used);
        out[used] = input[at]!;
        out[used + 1] = input[at + 1]!;
        used += 13;
      }
      let written = 0;
      while (written < used) written += await conn.write(out.subarray(written, used));
    }
  } catch {
    // Peer gone.
  } finally {
    try {
      conn.close();
    } catch { /* closed */ }
  }
}

if (import.meta.main) {
  if (Deno.args.includes("--idle-worker")) {
    const idle = "setInterval(() => {}, 60_000);";
    new Worker(`data:application/javascript,${encodeURIComponent(idle)}`, { type: "module" });
  }
  const listener = Deno.listen({ hostname: "127.0.0.1", port: Number(Deno.args[0]) });
  // deno-lint-ignore no-console
  console.log("ready");
  for await (const conn of listener) void serve(conn);
}
