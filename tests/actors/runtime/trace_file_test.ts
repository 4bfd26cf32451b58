import assert from "node:assert/strict";
import { TraceFile } from "../../../actors/runtime/trace_file.ts";
import type { TraceRecord } from "../../../actors/runtime/trace_record.ts";
import { parseTraceText } from "../../../cli/trace/trace_read.ts";
import { FakeClock } from "../../../drivers/fake_clock.ts";
import { RotatingFile } from "../../../drivers/rotating_file.ts";

/** The production output: a size-rotated file (10 MiB, 3 kept unless told). */
function rotating(path: string, maxBytes = 10 * 1024 * 1024, keep = 3): RotatingFile {
  return new RotatingFile(path, { maxBytes, keep });
}

function record(id: number): TraceRecord {
  return {
    t_us: id * 1000,
    wall: new Date(Date.UTC(2026, 10, 25, 6, 0, 0, id)).toISOString(),
    from: "a1Reader",
    to: "telegramValidator",
    type: "telegramFramed",
    id,
    cause: id > 1 ? id - 1 : null,
    summary: `bytes=len=1370 hex=2f464c55 n=${id}`,
    handler_us: 42,
  };
}

Deno.test("trace file writes buffered records as JSON lines within the flush interval", async () => {
  const dir = await Deno.makeTempDir();
  const clock = new FakeClock();
  const sink = new TraceFile(rotating(`${dir}/t.jsonl`), { clock, flushIntervalMs: 250 });
  sink.write(record(1));
  sink.write(record(2));
  assert.equal(await Deno.readTextFile(`${dir}/t.jsonl`), "", "nothing before the interval");
  await clock.advance(250);
  const { records, problems } = parseTraceText(await Deno.readTextFile(`${dir}/t.jsonl`), "t");
  assert.deepEqual(problems, []);
  assert.deepEqual(records, [record(1), record(2)]);
  await sink.close();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("trace file rotates by size and keeps only the configured number of old files", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/t.jsonl`;
  const lineBytes = JSON.stringify(record(2000)).length + 1;
  const sink = new TraceFile(rotating(path, lineBytes * 10, 2), { clock: new FakeClock() });
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < 10; i++) sink.write(record(2000 + round * 10 + i));
    await sink.flush();
  }
  await sink.close();
  const names = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
  assert.deepEqual(names, ["t.jsonl", "t.jsonl.1", "t.jsonl.2"]);
  for (const name of names) {
    const text = await Deno.readTextFile(`${dir}/${name}`);
    assert.ok(text.length <= lineBytes * 10, `${name} is within the size limit`);
    assert.deepEqual(parseTraceText(text, name).problems, [], `${name} holds whole lines`);
  }
  const newest = parseTraceText(await Deno.readTextFile(path), "t").records;
  assert.deepEqual(newest.map((r) => r.id), Array.from({ length: 10 }, (_, i) => 2040 + i));
  const oldest = parseTraceText(await Deno.readTextFile(`${path}.2`), "t").records;
  assert.deepEqual(oldest.map((r) => r.id), Array.from({ length: 10 }, (_, i) => 2020 + i));
  await Deno.remove(dir, { recursive: true });
});

Deno.test("trace file flushes what is buffered when closed", async () => {
  const dir = await Deno.makeTempDir();
  const sink = new TraceFile(rotating(`${dir}/t.jsonl`), { clock: new FakeClock() });
  sink.write(record(7));
  await sink.close();
  sink.write(record(8));
  const { records } = parseTraceText(await Deno.readTextFile(`${dir}/t.jsonl`), "t");
  assert.deepEqual(records.map((r) => r.id), [7]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("trace file writes through any text output the host hands it, and closes it", async () => {
  const clock = new FakeClock();
  const appended: string[] = [];
  let closed = 0;
  const out = {
    appendText: (text: string) => void appended.push(text),
    close: () => void closed++,
  };
  const sink = new TraceFile(out, { clock, flushIntervalMs: 100 });
  sink.write(record(1));
  await clock.advance(99);
  assert.deepEqual(appended, [], "buffered until the flush interval on the given clock");
  await clock.advance(1);
  assert.equal(appended.join(""), JSON.stringify(record(1)) + "\n");
  sink.write(record(2));
  await sink.close();
  assert.equal(closed, 1, "closing the trace closes its output");
  assert.deepEqual(parseTraceText(appended.join(""), "t").records, [record(1), record(2)]);
});
