/**
 * Responses of the HTTP control endpoint, each with the same security headers: a
 * Content-Security-Policy that allows only a1mb's own files (no inline script or style, no other
 * origin, no framing), no MIME sniffing, no referrer, and no caching. Internal.
 *
 * @module
 */

/** The Content-Security-Policy of every answer: only a1mb's own files, nothing inline. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** `Content-Type` of JSON answers. */
export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "cache-control": "no-store",
};

/** An answer with the security headers, `type` and any `extra` headers. */
export function reply(
  status: number,
  body: BodyInit | null,
  type: string,
  extra: Readonly<Record<string, string>> = {},
): Response {
  return new Response(body, {
    status,
    headers: { ...SECURITY_HEADERS, "content-type": type, ...extra },
  });
}

/** A JSON answer. */
export function json(
  status: number,
  value: unknown,
  extra: Readonly<Record<string, string>> = {},
): Response {
  return reply(status, `${JSON.stringify(value, null, 2)}\n`, JSON_CONTENT_TYPE, extra);
}

/** A JSON error answer: `{ "error": message }` plus any details. */
export function jsonError(
  status: number,
  message: string,
  extra: Readonly<Record<string, string>> = {},
  details: Readonly<Record<string, unknown>> = {},
): Response {
  return json(status, { error: message, ...details }, extra);
}

/** A plain-text answer. */
export function text(status: number, body: string): Response {
  return reply(status, body, "text/plain; charset=utf-8");
}
