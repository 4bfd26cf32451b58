/**
 * A worker thread for the serial driver's blocking waits: opens the port it is told, says
 * "waiting", blocks in `readSync` or `waitSilenceSync`, and posts what came of it. The test's own
 * thread writes (or not) meanwhile, as another thread or the kernel would.
 *
 * @module
 */
import { openSerialPort } from "../../../drivers/serial/mod.ts";

/** What the test asks. */
export interface BlockingWaitRequest {
  readonly path: string;
  readonly op: "read" | "silence";
  readonly timeoutUs: number;
}

/** What the worker answers after "waiting". */
export interface BlockingWaitResult {
  readonly result: number | boolean | null;
  readonly text: string;
  readonly waitedUs: number;
}

const scope = globalThis as unknown as {
  postMessage(message: "waiting" | BlockingWaitResult): void;
  onmessage: ((event: MessageEvent<BlockingWaitRequest>) => void) | null;
};

scope.onmessage = async ({ data }) => {
  const port = openSerialPort(data.path, { baudRate: 115200 });
  scope.postMessage("waiting");
  const buffer = new Uint8Array(16);
  const started = performance.now();
  const result = data.op === "read"
    ? port.readSync(buffer, data.timeoutUs)
    : port.waitSilenceSync(data.timeoutUs);
  const waitedUs = (performance.now() - started) * 1000;
  const n = typeof result === "number" ? result : 0;
  await port.close();
  scope.postMessage({
    result,
    text: new TextDecoder().decode(buffer.subarray(0, n)),
    waitedUs,
  });
};
