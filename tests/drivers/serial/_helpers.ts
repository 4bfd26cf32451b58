/**
 * Helpers for the pty-based serial tests: hang detection, patterns, exact reads.
 *
 * @module
 */

import type { SerialPort } from "../../../drivers/serial/mod.ts";

/** Generous bound that only catches hangs, never measures speed. */
export const HANG_MS = 5000;

/** Resolves as `promise` does, or rejects if it has not settled after `ms` (a hang). */
export async function within<T>(promise: Promise<T>, what: string, ms = HANG_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Hang: ${what} did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** `length` bytes of a pattern that does not repeat every 256 bytes. */
export function pattern(length: number, seed = 0): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 7 + (i >> 8) + seed) & 0xff;
  return bytes;
}

/** Reads until `length` bytes arrived, `chunk` bytes at most per read. */
export async function readExactly(
  port: SerialPort,
  length: number,
  chunk = 4096,
): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  const buffer = new Uint8Array(chunk);
  let filled = 0;
  while (filled < length) {
    const n = await port.read(buffer.subarray(0, Math.min(chunk, length - filled)));
    if (n === null) throw new Error(`Port closed after ${filled} of ${length} bytes`);
    out.set(buffer.subarray(0, n), filled);
    filled += n;
  }
  return out;
}

/** Lets the event loop and the kernel's tty workqueue run for `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `port` has `count` bytes queued (pty bytes reach the slave through a workqueue). */
export async function untilAvailable(port: SerialPort, count: number): Promise<void> {
  while (port.bytesAvailable() < count) await sleep(1);
}

/** The text of `bytes` as Latin-1, for readable assertion diffs. */
export function text(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}
