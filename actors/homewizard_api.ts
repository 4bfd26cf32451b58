/**
 * The HomeWizard-compatible API actor (`[homewizard] listen`): serves the HomeWizard P1 meter's
 * local API v1 over HTTP from the last accepted telegram, and announces it over mDNS as
 * `_hwenergy._tcp` (`[homewizard] mdns`), so that evcc, Home Assistant, SmartEVSE and openHAB read
 * a1mb as they read a HomeWizard dongle. A sink: it receives `telegramPublished` from the
 * TelegramValidator, builds the answer bodies once per telegram, and requests are answered from
 * them without any message; nothing here is on the Modbus path. A listen failure is logged once
 * and retried with the shared back-off (`runtime/listen_retry.ts`: 1 s doubling to 30 s); an mDNS
 * failure is logged and the API keeps serving without it.
 *
 * @module
 */
import { parseHostPort, type StalePolicy } from "../config/mod.ts";
import type { AnswerListenerOptions, HttpListener } from "../drivers/http/answer_listener.ts";
import type { MdnsResponder, MdnsResponderOptions } from "../drivers/mdns/mdns_responder.ts";
import { homeWizardData, homeWizardDevice, PRODUCT_NAME } from "../protocol/homewizard/v1_data.ts";
import {
  answerRequest,
  type HomeWizardCounters,
  type HomeWizardView,
  newCounters,
} from "./homewizard/answer.ts";
import type { HomeWizardMsg } from "./messages.ts";
import type { ActorBehavior, ActorContext } from "./runtime/actor.ts";
import {
  type Backoff,
  BACKOFF_START,
  type BackoffPolicy,
  backoffPolicy,
} from "./runtime/backoff.ts";
import { errorText } from "./runtime/error_text.ts";
import { listenOrRetry } from "./runtime/listen_retry.ts";
import { unreachable } from "./runtime/message.ts";

/** The mDNS side, as the host hands it over. */
export interface HomeWizardMdnsDriver {
  /** The IPv4 addresses a listener on `hostname` is reachable on now (may throw). */
  addresses(hostname: string): string[];
  /** Starts a responder. */
  start(options: MdnsResponderOptions): Promise<MdnsResponder>;
}

/** Start arguments of the HomeWizard actor. */
export interface HomeWizardArgs {
  /** `homewizard.listen`: "HOST:PORT". */
  readonly listen: string;
  /** `a1.stale_after_s`, in ms. */
  readonly staleAfterMs: number;
  /** `a1.stale`. */
  readonly policy: StalePolicy;
  /** 12 hex digits: `/api`'s `serial` and the mDNS names. */
  readonly serial: string;
  /** `/api`'s `firmware_version`: a1mb's version. */
  readonly firmwareVersion: string;
  /** Starts the HTTP listener. */
  readonly startHttp: (options: AnswerListenerOptions) => Promise<HttpListener>;
  /** The mDNS driver, or null when `homewizard.mdns = false`. */
  readonly mdns: HomeWizardMdnsDriver | null;
  /** First delay before listening again after a failure, ms. @default 1000 */
  readonly retryMinMs?: number;
  /** Longest delay before listening again, ms. @default 30000 */
  readonly retryMaxMs?: number;
  /** How often the network addresses are looked at again, ms. @default 30000 */
  readonly interfacesCheckMs?: number;
}

/** The mDNS announcement's state. */
interface MdnsState {
  readonly responder: MdnsResponder | null;
  /** The addresses announced (or found, when starting failed). */
  readonly addresses: readonly string[];
  readonly lastError: string | null;
  /** Whether the addresses were looked at yet. */
  readonly checked: boolean;
}

/** State of the HomeWizard actor. */
export interface HomeWizardState {
  readonly args: HomeWizardArgs;
  readonly hostname: string;
  readonly port: number;
  /** What requests are answered from (owned here, read by the listener's handler). */
  readonly view: HomeWizardView;
  readonly server: HttpListener | null;
  /** Failed listens since the last success, and the last one's reason. */
  readonly backoff: Backoff;
  readonly policy: BackoffPolicy;
  readonly mdns: MdnsState;
}

/** What `a1mb status` shows of the HomeWizard API. */
export interface HomeWizardStatus {
  readonly listen: string;
  readonly listening: boolean;
  readonly last_error: string | null;
  readonly serial: string;
  /** Off, or the addresses announced and what was sent. */
  readonly mdns:
    | "off"
    | {
      readonly addresses: readonly string[];
      readonly last_error: string | null;
      readonly announcements: number;
      readonly queries_answered: number;
    };
  readonly requests: HomeWizardCounters;
}

/** The HomeWizard API behaviour. */
export const homeWizardApi: ActorBehavior<HomeWizardMsg, HomeWizardState, HomeWizardArgs> = {
  async preStart(ctx, args) {
    const address = parseHostPort(args.listen);
    if (!address.ok) {
      throw new RangeError(`Invalid homewizard.listen "${args.listen}": ${address.reason}`);
    }
    const device = homeWizardDevice(args.serial, args.firmwareVersion);
    return await listen({
      args,
      hostname: address.hostname,
      port: address.port,
      view: {
        device: JSON.stringify(device),
        latest: null,
        staleAfterMs: args.staleAfterMs,
        policy: args.policy,
        counters: newCounters(),
      },
      server: null,
      backoff: BACKOFF_START,
      policy: backoffPolicy(args),
      mdns: { responder: null, addresses: [], lastError: null, checked: false },
    }, ctx);
  },

  status: (state): HomeWizardStatus => {
    const r = state.mdns.responder?.counters();
    return {
      listen: state.args.listen,
      listening: state.server !== null,
      last_error: state.server === null ? state.backoff.lastError : null,
      serial: state.args.serial,
      mdns: state.args.mdns === null ? "off" : {
        addresses: state.mdns.responder?.addresses ?? [],
        last_error: state.mdns.lastError,
        announcements: r?.announcements ?? 0,
        queries_answered: r?.queriesAnswered ?? 0,
      },
      requests: state.view.counters,
    };
  },

  async handle(state, msg, ctx) {
    switch (msg.type) {
      case "telegramPublished": {
        // The data body is built on the first request after the telegram, at most once per
        // telegram: with no client polling, a telegram costs nothing here.
        const t = msg.telegram;
        let data: string | null = null;
        state.view.latest = {
          get data() {
            return data ??= JSON.stringify(homeWizardData(t.reading, t.measurements));
          },
          text: t.text,
          receivedAt: t.receivedAt,
        };
        return state;
      }
      case "listenRetryDue":
        return await listen(state, ctx);
      case "interfacesCheckDue":
        ctx.sendAfter({ type: "interfacesCheckDue" }, state.args.interfacesCheckMs ?? 30_000);
        return await announce(state, ctx);
      case "announceDue":
        state.mdns.responder?.announce();
        return state;
      default:
        return unreachable(msg);
    }
  },

  async postStop(state) {
    await state.mdns.responder?.close();
    await state.server?.close();
  },
};

/** Listens (again); on success starts the mDNS announcement, on failure arms a retry. */
async function listen(
  state: HomeWizardState,
  ctx: ActorContext<HomeWizardMsg>,
): Promise<HomeWizardState> {
  const { server, backoff } = await listenOrRetry(ctx, {
    what: "HomeWizard API",
    start: () =>
      state.args.startHttp({
        hostname: state.hostname,
        port: state.port,
        answer: (request) => answerRequest(state.view, request, ctx.clock.now()),
        onError: (message) => ctx.log.warn("HomeWizard API: {message}", { message }),
      }),
    backoff: state.backoff,
    policy: state.policy,
    retry: { type: "listenRetryDue" },
  });
  if (server === null) return { ...state, server, backoff };
  ctx.log.info("HomeWizard API: serving {product} on {hostname}:{port} (serial {serial})", {
    product: PRODUCT_NAME,
    hostname: server.hostname,
    port: server.port,
    serial: state.args.serial,
  });
  const listening = { ...state, server, backoff };
  if (state.args.mdns === null) return listening;
  ctx.sendAfter({ type: "interfacesCheckDue" }, state.args.interfacesCheckMs ?? 30_000);
  return await announce(listening, ctx);
}

/** (Re)starts the mDNS responder when the reachable addresses differ from those announced. */
async function announce(
  state: HomeWizardState,
  ctx: ActorContext<HomeWizardMsg>,
): Promise<HomeWizardState> {
  const driver = state.args.mdns;
  if (driver === null || state.server === null) return state;
  let addresses: string[];
  try {
    addresses = driver.addresses(state.hostname);
  } catch (error) {
    return mdnsFailed(state, ctx, `cannot list the network addresses: ${errorText(error)}`, []);
  }
  const now = state.mdns;
  const unchanged = now.checked && same(addresses, now.addresses);
  // A responder that failed to start is tried again at each check (logged once per reason).
  if (unchanged && (now.responder !== null || addresses.length === 0)) return state;
  await now.responder?.close();
  if (addresses.length === 0) {
    ctx.log.info(
      "HomeWizard API: not announced over mDNS: {listen} is not reachable from the network " +
        "(a loopback address, or no IPv4 address yet)",
      { listen: state.args.listen },
    );
    return { ...state, mdns: { responder: null, addresses, lastError: null, checked: true } };
  }
  const serial = state.args.serial;
  const name = `p1meter-${serial.slice(-6)}`;
  let responder: MdnsResponder;
  try {
    responder = await driver.start({
      service: {
        instance: name,
        serviceType: "_hwenergy._tcp",
        host: name,
        port: state.server.port,
        txt: {
          api_enabled: "1",
          path: "/api/v1",
          serial,
          product_name: PRODUCT_NAME,
          product_type: "HWE-P1",
        },
      },
      addresses,
      onWarning: (message) => ctx.log.warn("HomeWizard API: {message}", { message }),
    });
  } catch (error) {
    return mdnsFailed(state, ctx, errorText(error), addresses);
  }
  responder.announce();
  ctx.sendAfter({ type: "announceDue" }, 1000);
  ctx.log.info("HomeWizard API: announced over mDNS as {name}._hwenergy._tcp on {addresses}", {
    name,
    addresses: addresses.join(", "),
  });
  if (state.server.port !== 80 && !now.checked) {
    ctx.log.warn(
      "HomeWizard API: announced on port {port}, but Home Assistant's HomeWizard integration " +
        "connects to port 80 (listen on port 80 for it)",
      { port: state.server.port },
    );
  }
  return { ...state, mdns: { responder, addresses, lastError: null, checked: true } };
}

function mdnsFailed(
  state: HomeWizardState,
  ctx: ActorContext<HomeWizardMsg>,
  reason: string,
  addresses: readonly string[],
): HomeWizardState {
  if (reason !== state.mdns.lastError) {
    ctx.log.warn("HomeWizard API: no mDNS announcement: {reason}; the API serves without it", {
      reason,
    });
  }
  return { ...state, mdns: { responder: null, addresses, lastError: reason, checked: true } };
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
