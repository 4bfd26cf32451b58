import assert from "node:assert/strict";
import { rtuWorkerSide } from "../../../actors/modbus/rtu_worker_side.ts";
import type { FromRtuWorker } from "../../../actors/modbus/rtu_worker_protocol.ts";
import { rtuSessionSetup } from "../../../actors/modbus/rtu_slave.ts";
import { DEFAULT_CONFIG } from "../../../config/mod.ts";
import { openSerialPort } from "../../../drivers/serial/mod.ts";

Deno.test("rtu worker side reports a port it cannot open as a value with the driver's words", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const posted: FromRtuWorker[] = [];
    const receive = rtuWorkerSide({ post: (m) => posted.push(m), openPort: openSerialPort });
    const device = `${dir}/ttyRS485`;
    receive({
      type: "open",
      device,
      serial: { baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1 },
      session: rtuSessionSetup({ ...DEFAULT_CONFIG.modbus.rtu, device }),
      rs485: "none",
    });
    await new Promise((r) => setTimeout(r, 0));
    assert.deepEqual(posted, [{
      type: "openFailed",
      error: `Cannot open serial port "${device}": no such device (ENOENT)`,
    }]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("rtu worker side answers close at once when no port is open", () => {
  const posted: FromRtuWorker[] = [];
  const receive = rtuWorkerSide({
    post: (m) => posted.push(m),
    openPort: () => {
      throw new Error("not called");
    },
  });
  receive({ type: "close" });
  assert.deepEqual(posted, [{ type: "closed" }]);
});
