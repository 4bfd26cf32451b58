import assert from "node:assert/strict";
import { tcpSource } from "../../../drivers/a1_source/tcp_source.ts";
import type { A1Source } from "../../../drivers/a1_source/a1_source.ts";
import { FakeClock } from "../../../drivers/fake_clock.ts";
import { concat, fixture } from "../../protocol/dsmr/_fixtures.ts";
import { within } from "../serial/_helpers.ts";

const TELEGRAM = fixture("dsmr_parser_FLUVIUS_V171.txt");

/** Reads until `length` bytes or the end of the stream. */
async function readBytes(source: A1Source, length: number, signal: AbortSignal) {
  const parts: Uint8Array[] = [];
  let total = 0;
  while (total < length) {
    const chunk = await source.read(signal);
    if (chunk === null) break;
    parts.push(chunk);
    total += chunk.length;
  }
  return concat(...parts);
}

/** A one-shot P1 bridge: accepts one client, sends `bytes`, then closes it (and itself). */
async function serveOnce(listener: Deno.Listener, bytes: Uint8Array): Promise<void> {
  const conn = await listener.accept();
  // Split the telegram in two writes, as a bridge forwarding UART reads does.
  await conn.write(bytes.subarray(0, 300));
  await conn.write(bytes.subarray(300));
  conn.close();
}

Deno.test("tcp source reads a P1 stream, sees the close, and connects again when the bridge is back", async () => {
  let listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  const opener = tcpSource({ host: "127.0.0.1", port });
  assert.equal(opener.label, `tcp 127.0.0.1:${port}`);
  const signal = new AbortController().signal;

  const served = serveOnce(listener, TELEGRAM);
  const first = await within(opener.open(signal), "connect");
  assert.equal(first.modemLines, null);
  assert.equal(first.endIsFinal, false);
  assert.deepEqual(await within(readBytes(first, TELEGRAM.length, signal), "read"), TELEGRAM);
  assert.equal(await within(first.read(signal), "end of stream"), null, "peer closed: null");
  await first.close();
  await served;
  listener.close();

  // The bridge is down: connecting fails with a message naming it.
  await assert.rejects(opener.open(signal), (error: Error) => {
    assert.match(error.message, new RegExp(`^Cannot connect to tcp 127\\.0\\.0\\.1:${port}: `));
    return true;
  });

  // The bridge is back on the same port: the same opener connects again.
  listener = Deno.listen({ hostname: "127.0.0.1", port });
  const again = serveOnce(listener, TELEGRAM);
  const second = await within(opener.open(signal), "reconnect");
  assert.deepEqual(await within(readBytes(second, TELEGRAM.length, signal), "read"), TELEGRAM);
  await second.close();
  await again;
  listener.close();
});

Deno.test("tcp source: a connection silent for the idle time-out counts as lost", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  const clock = new FakeClock();
  const accepted = listener.accept();
  const source = await within(
    tcpSource({ host: "127.0.0.1", port, clock, idleTimeoutMs: 60_000 }).open(
      new AbortController().signal,
    ),
    "connect",
  );
  const conn = await accepted;
  const reading = source.read(new AbortController().signal);
  const outcome = reading.then(() => "resolved", (e: Error) => e.message);
  await clock.advance(59_999);
  await conn.write(new Uint8Array([0x2f]));
  assert.deepEqual(await within(reading, "read"), new Uint8Array([0x2f]), "data in time");
  const silent = source.read(new AbortController().signal).then(
    () => "resolved",
    (e: Error) => e.message,
  );
  await clock.advance(60_000);
  assert.equal(await within(silent, "idle"), `tcp 127.0.0.1:${port}: no data for 60 s`);
  assert.equal(await outcome, "resolved");
  conn.close();
  listener.close();
});

Deno.test("tcp source: a pending read rejects with the signal's reason on abort", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  const accepted = listener.accept();
  const source = await tcpSource({ host: "127.0.0.1", port, idleTimeoutMs: 0 }).open(
    new AbortController().signal,
  );
  const conn = await accepted;
  const stop = new AbortController();
  const reading = source.read(stop.signal);
  stop.abort(new Error("stopping"));
  await assert.rejects(within(reading, "abort"), { message: "stopping" });
  await source.close();
  conn.close();
  listener.close();
});
