/**
 * Entry module of the RTU slave's worker thread (`[modbus.rtu] thread = "worker"`): wires the
 * worker's side of the slave (`actors/modbus/rtu_worker_side.ts`) to this thread's global scope
 * and to the serial driver. The actor starts it from the URL `rtu_worker_url.ts` finds: this
 * file when run from source or a compiled binary (the `compile:*` tasks `--include` it), the
 * `a1mb-rtu-worker.js` bundle of it beside a bundle (the `bundle:*` tasks build it).
 *
 * Never import it from the main thread: importing it takes over the scope's `onmessage`.
 *
 * @module
 */
import { openSerialPort } from "../drivers/serial/posix_serial_port.ts";
import type { FromRtuWorker, ToRtuWorker } from "../actors/modbus/rtu_worker_protocol.ts";
import { rtuWorkerSide } from "../actors/modbus/rtu_worker_side.ts";

/** The worker's global scope, as far as this module uses it. */
const scope = globalThis as unknown as {
  postMessage(message: FromRtuWorker): void;
  onmessage: ((event: MessageEvent<ToRtuWorker>) => void) | null;
};

const receive = rtuWorkerSide({
  post: (message) => scope.postMessage(message),
  openPort: openSerialPort,
});
scope.onmessage = (event) => receive(event.data);
