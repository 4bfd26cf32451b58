/**
 * The Passthrough actor (`[passthrough] listen`): re-serves every telegram the meter sent, byte
 * for byte (the frame and a CR LF), to any number of TCP clients, so the meter's single P1 port
 * can keep feeding Home Assistant's DSMR integration or a second a1mb. It owns the fan-out server:
 * a slow client is dropped, never allowed to slow the converter. A listen failure (port in use)
 * is logged once and retried with the shared back-off (`runtime/listen_retry.ts`: 1 s doubling
 * to 30 s), never a crash loop.
 *
 * @module
 */
import type {
  PassthroughOptions,
  PassthroughServer,
} from "../drivers/passthrough/passthrough_server.ts";
import { parseHostPort } from "../config/mod.ts";
import type { PassthroughMsg } from "./messages.ts";
import type { ActorBehavior, ActorContext } from "./runtime/actor.ts";
import {
  type Backoff,
  BACKOFF_START,
  type BackoffPolicy,
  backoffPolicy,
} from "./runtime/backoff.ts";
import { listenOrRetry } from "./runtime/listen_retry.ts";
import { unreachable } from "./runtime/message.ts";

const CRLF = new Uint8Array([0x0d, 0x0a]);

/** Start arguments of the Passthrough actor. */
export interface PassthroughArgs {
  /** `passthrough.listen`: "HOST:PORT". */
  readonly listen: string;
  /** Starts the fan-out server: the host passes the driver's `startPassthroughServer`. */
  readonly startServer: (options: PassthroughOptions) => Promise<PassthroughServer>;
  /** First delay before listening again after a failure, ms. @default 1000 */
  readonly retryMinMs?: number;
  /** Longest delay before listening again, ms. @default 30000 */
  readonly retryMaxMs?: number;
}

/** State of the Passthrough actor. */
export interface PassthroughState {
  readonly startServer: PassthroughArgs["startServer"];
  readonly hostname: string;
  readonly port: number;
  readonly policy: BackoffPolicy;
  readonly server: PassthroughServer | null;
  /** Failed listens since the last success, and the last one's reason. */
  readonly backoff: Backoff;
  readonly telegrams: number;
}

/** The Passthrough behaviour. */
export const passthrough: ActorBehavior<PassthroughMsg, PassthroughState, PassthroughArgs> = {
  async preStart(ctx, args) {
    const address = parseHostPort(args.listen);
    if (!address.ok) {
      throw new TypeError(`Invalid passthrough.listen "${args.listen}": ${address.reason}`);
    }
    return await listen({
      startServer: args.startServer,
      hostname: address.hostname,
      port: address.port,
      policy: backoffPolicy(args),
      server: null,
      backoff: BACKOFF_START,
      telegrams: 0,
    }, ctx);
  },

  status: (state) => ({
    listening: state.server !== null,
    listen: `${state.hostname}:${state.port}`,
    last_error: state.server === null ? state.backoff.lastError : null,
    telegrams: state.telegrams,
    ...(state.server?.counters() ?? {}),
  }),

  async handle(state, msg, ctx) {
    switch (msg.type) {
      case "telegramPassed": {
        if (state.server === null) return state;
        const out = new Uint8Array(msg.bytes.length + 2);
        out.set(msg.bytes);
        out.set(CRLF, msg.bytes.length);
        state.server.publish(out);
        return { ...state, telegrams: state.telegrams + 1 };
      }
      case "listenRetryDue":
        return await listen(state, ctx);
      default:
        return unreachable(msg);
    }
  },

  async postStop(state) {
    await state.server?.close();
  },
};

async function listen(
  state: PassthroughState,
  ctx: ActorContext<PassthroughMsg>,
): Promise<PassthroughState> {
  const { server, backoff } = await listenOrRetry(ctx, {
    what: "Passthrough",
    start: () =>
      state.startServer({
        hostname: state.hostname,
        port: state.port,
        onEvent: (event) => {
          if (event.type === "clientDropped") {
            ctx.log.warn("Passthrough: dropped slow client {remote} ({bytes} bytes queued)", {
              remote: event.remote,
              bytes: event.queuedBytes,
            });
          } else if (event.type === "clientRefused") {
            ctx.log.warn("Passthrough: refused client {remote}: too many clients", {
              remote: event.remote,
            });
          } else {
            ctx.log.debug("Passthrough: {type} {remote}", {
              type: event.type,
              remote: event.remote,
            });
          }
        },
      }),
    backoff: state.backoff,
    policy: state.policy,
    retry: { type: "listenRetryDue" },
  });
  if (server !== null) {
    ctx.log.info("Passthrough: serving raw telegrams on {hostname}:{port}", {
      hostname: server.hostname,
      port: server.port,
    });
  }
  return { ...state, server, backoff };
}
