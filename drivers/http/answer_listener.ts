/**
 * An HTTP listener whose answers come from a synchronous function of the method and path: the
 * caller keeps the answers ready (bodies built once per telegram), so a request costs a lookup
 * and a write, never a wait on anything else. Request bodies are never read. Built on
 * {@linkcode startHttpListener}, which gives a request the function fails on a 500 and a report,
 * and answers malformed HTTP without calling it.
 *
 * @module
 */
import { type HttpListener, type HttpRequestInfo, startHttpListener } from "./http_listener.ts";

export type { HttpListener, HttpRequestInfo } from "./http_listener.ts";

/** An answer: status, headers and body (`null` for none). */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
}

/** Options of {@linkcode startAnswerListener}. */
export interface AnswerListenerOptions {
  /** Address to listen on, without brackets (`"0.0.0.0"`, `"::"`, `"127.0.0.1"`). */
  readonly hostname: string;
  /** Port to listen on; 0 picks a free one (see {@linkcode HttpListener.port}). */
  readonly port: number;
  /** Answers one request; called once per request, must not block. */
  readonly answer: (request: HttpRequestInfo) => HttpAnswer;
  /** Told about requests that failed inside the listener (for a log line). */
  readonly onError?: (message: string) => void;
}

/**
 * Starts listening, answering every request with `options.answer`.
 *
 * @throws {Error} when the address cannot be listened on (in use, not local, no permission)
 *
 * @example
 * ```ts
 * import { startAnswerListener } from "./answer_listener.ts";
 *
 * const listener = await startAnswerListener({
 *   hostname: "127.0.0.1",
 *   port: 0,
 *   answer: () => ({ status: 200, headers: { "content-type": "text/plain" }, body: "ok\n" }),
 * });
 * const response = await fetch(`http://127.0.0.1:${listener.port}/`);
 * await response.text(); // "ok\n"
 * await listener.close();
 * ```
 */
export function startAnswerListener(options: AnswerListenerOptions): Promise<HttpListener> {
  const { answer, ...listen } = options;
  return startHttpListener({
    ...listen,
    handler: (_request, info) => {
      const result = answer(info);
      return new Response(result.body, { status: result.status, headers: result.headers });
    },
  });
}
