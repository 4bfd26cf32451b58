/**
 * The text of a caught error, for logs and status. A leaf module (it imports nothing), so the
 * RTU worker thread can use it without loading the runtime.
 *
 * @module
 */

/**
 * The message of an error, or its string form.
 *
 * @example
 * ```ts
 * import { errorText } from "./error_text.ts";
 *
 * errorText(new RangeError("Invalid baud rate \"300\"")); // 'Invalid baud rate "300"'
 * errorText("gone"); // "gone"
 * ```
 */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
