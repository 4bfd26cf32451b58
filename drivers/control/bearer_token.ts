/**
 * The check of an `Authorization: Bearer <token>` header against the configured secret, in
 * constant time: both sides are hashed (SHA-256) and the digests compared with
 * `timingSafeEqual`, so neither the content nor the length of the secret leaks through timing.
 *
 * @module
 */
import { timingSafeEqual } from "node:crypto";

/** What a request's credentials amount to. */
export type BearerCheck =
  /** The header carries the configured token. */
  | "ok"
  /** No token is configured: nothing may be written (403). */
  | "no-token-configured"
  /** No `Authorization: Bearer` header (401). */
  | "missing"
  /** A token that is not the configured one (401). */
  | "wrong";

const encoder = new TextEncoder();

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

/**
 * Checks an `Authorization` header value against `token` (`""` = none configured).
 *
 * @example
 * ```ts
 * import { checkBearer } from "./bearer_token.ts";
 * await checkBearer("Bearer 0123456789abcdef", "0123456789abcdef"); // "ok"
 * await checkBearer(null, "0123456789abcdef"); // "missing"
 * await checkBearer("Bearer 0123456789abcdef", ""); // "no-token-configured"
 * ```
 */
export async function checkBearer(header: string | null, token: string): Promise<BearerCheck> {
  if (token === "") return "no-token-configured";
  const match = header === null ? null : /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  if (match === null) return "missing";
  const [given, expected] = await Promise.all([digest(match[1] ?? ""), digest(token)]);
  return timingSafeEqual(given, expected) ? "ok" : "wrong";
}
