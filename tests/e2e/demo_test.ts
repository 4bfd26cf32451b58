import assert from "node:assert/strict";
import { decodeFloat32 } from "../../protocol/modbus/register_codec.ts";
import { pymodbus, requirePymodbus } from "../interop/_masters.ts";
import { freePort, ROOT } from "./_a1mb_process.ts";

/** Reads lines of a stream as they come. */
async function* lines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  let rest = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    rest += chunk;
    let i;
    while ((i = rest.indexOf("\n")) >= 0) {
      yield rest.slice(0, i);
      rest = rest.slice(i + 1);
    }
  }
  if (rest !== "") yield rest;
}

const asFloat = (registers: number[]) => decodeFloat32(Uint16Array.from(registers), 0);

Deno.test("demo: simulated meter → a1mb → Modbus RTU on a pty and TCP, with a live summary", async () => {
  await requirePymodbus();
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "main.ts",
      "demo",
      "--tcp",
      `127.0.0.1:${port}`,
      "--interval-ms",
      "250",
      "--duration",
      "8",
    ],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  const out: string[] = [];
  let rtuPath = "";
  let checked = false;
  try {
    for await (const line of lines(child.stdout)) {
      out.push(line);
      const m = line.match(/^Modbus RTU: (\/dev\/pts\/\d+) {2}9600 8N1, address 2$/);
      if (m) rtuPath = m[1]!;
      if (!checked && / \| telegram .* \(\d+ ok, 0 bad\) \| /.test(line)) {
        checked = true;
        assert.notEqual(rtuPath, "", out.join("\n"));
        assert.ok(out.includes(`Modbus TCP: 127.0.0.1:${port}  unit 2`), out.join("\n"));
        assert.ok(
          out.some((l) => l.startsWith("  mbpoll -m rtu -a 2 -b 9600 ")),
          "an mbpoll command",
        );
        // What a master reads on each endpoint: 3 phase voltages (0x0000) and the total power.
        const [rtu] = await pymodbus({ transport: "rtu", device: rtuPath, baud: 9600 }, [
          { op: "read_input", address: 0x0000, count: 6, slave: 2 },
        ]);
        const [tcp] = await pymodbus({ transport: "tcp", host: "127.0.0.1", port }, [
          { op: "read_input", address: 0x0034, count: 2, slave: 2 },
        ]);
        assert.ok(rtu !== undefined && "registers" in rtu, JSON.stringify(rtu));
        for (let i = 0; i < 6; i += 2) {
          const volts = asFloat(rtu.registers.slice(i, i + 2));
          assert.ok(volts > 200 && volts < 260, `phase voltage ${volts} V`);
        }
        assert.ok(tcp !== undefined && "registers" in tcp, JSON.stringify(tcp));
        assert.ok(Math.abs(asFloat(tcp.registers)) < 20_000, "a plausible total power");
      }
    }
    const status = await child.status;
    assert.equal(status.code, 0, `${out.join("\n")}\n${await stderr}`);
    assert.ok(checked, `no summary line came:\n${out.join("\n")}\n${await stderr}`);
    const last = out.filter((l) => l.includes("| requests RTU")).at(-1) ?? "";
    assert.match(
      last,
      /requests RTU [1-9]\d* TCP [1-9]\d*$/,
      "the summary counts the requests served",
    );
  } finally {
    try {
      child.kill();
    } catch { /* already ended */ }
    await child.status;
  }
});
