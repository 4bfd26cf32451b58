/**
 * a1mb runs for years: every queue, buffer and map that input can grow is bounded. Each test
 * floods one of them far past its limit and checks that it stays within it (and counts or
 * reports what it dropped).
 */
import assert from "node:assert/strict";
import { Mailbox } from "../../actors/runtime/mailbox.ts";
import { MAX_BUFFERED_TRACE_LINES, TraceFile } from "../../actors/runtime/trace_file.ts";
import type { TraceRecord } from "../../actors/runtime/trace_record.ts";
import { mergeFields } from "../../actors/register_image_builder.ts";
import { FakeClock } from "../../drivers/fake_clock.ts";
import { RotatingFile } from "../../drivers/rotating_file.ts";
import { MEASUREMENT_KEYS, type Measurements } from "../../protocol/dsmr/measurements.ts";
import { createTelegramFramer, telegramFramerPush } from "../../protocol/dsmr/telegram_framer.ts";
import {
  createEchoFilter,
  ECHO_FILTER_CAPACITY,
  echoFilterExpect,
} from "../../protocol/modbus/echo_filter.ts";
import { createRtuFramer, rtuFramerPush } from "../../protocol/modbus/rtu_framer.ts";
import { RTU_MAX_ADU_LENGTH } from "../../protocol/modbus/rtu_adu.ts";

Deno.test("bounds: an actor's mailbox holds at most its capacity; the rest is dropped and counted", () => {
  const box = new Mailbox(1024);
  for (let i = 0; i < 100_000; i++) {
    box.push({ id: i, cause: null, from: "flood", to: "x", msg: { type: "noted" } });
  }
  assert.equal(box.length, 1024);
  assert.equal(box.dropped, 100_000 - 1024);
});

Deno.test("bounds: the trace buffer between flushes holds at most 10 000 lines; more are counted", async () => {
  const dir = await Deno.makeTempDir();
  const clock = new FakeClock();
  const sink = new TraceFile(
    new RotatingFile(`${dir}/t.jsonl`, { maxBytes: 10 * 1024 * 1024, keep: 3 }),
    { clock, flushIntervalMs: 60_000 },
  );
  const record: TraceRecord = {
    t_us: 1,
    wall: "2026-11-25T06:00:00.000Z",
    from: "a",
    to: "b",
    type: "noted",
    id: 1,
    cause: null,
    summary: "",
    handler_us: 1,
  };
  for (let i = 0; i < MAX_BUFFERED_TRACE_LINES + 5000; i++) sink.write(record);
  assert.equal(sink.dropped, 5000);
  await sink.close();
  const lines = (await Deno.readTextFile(`${dir}/t.jsonl`)).trim().split("\n");
  assert.equal(lines.length, MAX_BUFFERED_TRACE_LINES);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("bounds: trace and log files rotate: a flood never holds more than keep + 1 files of max size", async () => {
  const dir = await Deno.makeTempDir();
  const file = new RotatingFile(`${dir}/a1mb.log`, { maxBytes: 10_000, keep: 2 });
  const line = "x".repeat(99) + "\n";
  for (let i = 0; i < 5000; i++) file.appendText(line);
  file.close();
  const files = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
  assert.deepEqual(files, ["a1mb.log", "a1mb.log.1", "a1mb.log.2"]);
  for (const f of files) assert.ok(Deno.statSync(`${dir}/${f}`).size <= 10_000);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("bounds: the telegram framer never holds more than max_telegram_bytes of an endless telegram", () => {
  const framer = createTelegramFramer({ maxLength: 8192 });
  const endless = new TextEncoder().encode("/FLU5\\253769484_A\r\n");
  let drops = 0;
  drops += telegramFramerPush(framer, endless).length;
  const body = new TextEncoder().encode("1-0:1.8.1(000123.456*kWh)\r\n".repeat(40)); // no footer, ever
  for (let i = 0; i < 2000; i++) {
    drops += telegramFramerPush(framer, body).filter((e) => e.type === "frameDropped").length;
    assert.ok(framer.length <= 8192);
  }
  assert.ok(drops > 0, "the overlong frame was dropped and reported");
});

Deno.test("bounds: the RTU framer holds at most one ADU (256 bytes) of continuous noise", () => {
  const state = createRtuFramer({ address: 2, silenceUs: 4010 });
  const noise = new Uint8Array(997).map((_, i) => (i * 131 + 7) & 0xff);
  for (let i = 0; i < 1000; i++) {
    rtuFramerPush(state, noise, i * 10); // never a silence: one endless burst
    assert.ok(state.length <= RTU_MAX_ADU_LENGTH);
  }
});

Deno.test("bounds: the echo filter expects at most one reply's bytes", () => {
  const filter = createEchoFilter();
  assert.throws(() => echoFilterExpect(filter, new Uint8Array(ECHO_FILTER_CAPACITY + 1), 0, 1000));
});

Deno.test("bounds: the register store keeps one entry per measurement field, however many telegrams", () => {
  let store = new Map() as ReturnType<typeof mergeFields>;
  const m: Measurements = Object.fromEntries(
    MEASUREMENT_KEYS.map((k) => [k, k === "equipmentId" ? "1SAG" : 1]),
  );
  for (let i = 0; i < 10_000; i++) store = mergeFields(store, m, i);
  assert.equal(store.size, MEASUREMENT_KEYS.length);
});
