/**
 * One listen attempt of an actor that owns a server (the passthrough's fan-out server, the
 * HomeWizard API's HTTP listener): start it, or, when that fails (port in use, address not
 * local), log the reason once per change and ask the actor to try again after the shared
 * back-off's delay (`backoff.ts`). Never a crash loop, never a line per retry.
 *
 * @module
 */
import type { ActorContext } from "./actor.ts";
import { type Backoff, backoffFailed, type BackoffPolicy, backoffSucceeded } from "./backoff.ts";
import { errorText } from "./error_text.ts";
import type { Message } from "./message.ts";

/** What a listen attempt needs. */
export interface ListenAttempt<M extends Message, S> {
  /** Who listens, for the log line (`"HomeWizard API"`). */
  readonly what: string;
  /** Starts the server; rejects with a message that names the address. */
  readonly start: () => Promise<S>;
  /** The failures so far. */
  readonly backoff: Backoff;
  /** The back-off's bounds. */
  readonly policy: BackoffPolicy;
  /** The message that makes the actor try again, sent to itself after the delay. */
  readonly retry: M;
}

/** The outcome: the server, or null with a retry armed; and the back-off after it. */
export interface Listened<S> {
  readonly server: S | null;
  readonly backoff: Backoff;
}

/**
 * Tries to listen once; on failure logs `"<what>: <reason>; retrying (every MIN…MAX s)"` when
 * the reason is new, and arms `retry`.
 *
 * @example
 * ```ts
 * import { listenOrRetry } from "./listen_retry.ts";
 * import type { ActorContext } from "./actor.ts";
 * import { BACKOFF_START, RECONNECT_BACKOFF } from "./backoff.ts";
 *
 * type RetryMsg = { readonly type: "listenRetryDue" };
 * async function listen(ctx: ActorContext<RetryMsg>) {
 *   const { server, backoff } = await listenOrRetry(ctx, {
 *     what: "Example",
 *     start: () => Promise.resolve(Deno.listen({ hostname: "127.0.0.1", port: 0 })),
 *     backoff: BACKOFF_START,
 *     policy: RECONNECT_BACKOFF,
 *     retry: { type: "listenRetryDue" },
 *   });
 *   // server: the listener, or null (and a "listenRetryDue" is due after backoff's delay)
 *   server?.close();
 *   return backoff;
 * }
 * ```
 */
export async function listenOrRetry<M extends Message, S>(
  ctx: ActorContext<M>,
  attempt: ListenAttempt<M, S>,
): Promise<Listened<S>> {
  try {
    const server = await attempt.start();
    return { server, backoff: backoffSucceeded(attempt.backoff).backoff };
  } catch (error) {
    const text = errorText(error);
    const policy = attempt.policy;
    const step = backoffFailed(attempt.backoff, text, ctx.clock.now(), policy);
    if (step.changed) {
      ctx.log.error("{what}: {error}; retrying (every {min}…{max} s)", {
        what: attempt.what,
        error: text,
        min: policy.minMs / 1000,
        max: policy.maxMs / 1000,
      });
    }
    ctx.sendAfter(attempt.retry, step.delayMs);
    return { server: null, backoff: step.backoff };
  }
}
