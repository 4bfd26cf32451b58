/**
 * What the web console serves besides the status and the settings: its files (embedded in the
 * build), this build's register map (`/api/map`, the `a1mb map --format json` rows) and the last
 * hour of power (`/api/history?since=MS`, from the ConsoleFeed actor through the bus).
 *
 * @module
 */
import { CONSOLE_FEED, type ConsoleFeedMsg, type HistoryReported } from "../../actors/messages.ts";
import { ask } from "../../actors/runtime/ask.ts";
import type { Bus } from "../../actors/runtime/bus.ts";
import type { ControlAnswer } from "../../drivers/control/control_source.ts";
import type { HttpAsset } from "../../drivers/control/http_routes.ts";
import type { Variant } from "../../variants/api.ts";
import { mapEntries } from "../commands/map.ts";
import { CONSOLE_FILES } from "../embedded/files.ts";

/** How long the ConsoleFeed gets to answer a history request, in ms. */
const HISTORY_TIMEOUT_MS = 2000;

/**
 * The console's files, encoded once, by the path they are served at.
 *
 * @example
 * ```ts
 * import { consoleAssets } from "./console_http.ts";
 * consoleAssets().get("/")?.type; // "text/html; charset=utf-8"
 * ```
 */
export function consoleAssets(): Map<string, HttpAsset> {
  const encoder = new TextEncoder();
  return new Map(
    Object.entries(CONSOLE_FILES).map(([path, file]) => [
      path,
      { type: file.type, body: encoder.encode(file.text) },
    ]),
  );
}

/** The console's read-only documents: `/api/map` and `/api/history`. */
export function consoleDocuments(
  bus: Bus,
  variant: Variant,
): Map<string, (url: URL) => Promise<ControlAnswer>> {
  const map = mapEntries(variant);
  return new Map<string, (url: URL) => Promise<ControlAnswer>>([
    ["/api/map", () => Promise.resolve({ status: 200, body: map })],
    ["/api/history", (url) => history(bus, url)],
  ]);
}

async function history(bus: Bus, url: URL): Promise<ControlAnswer> {
  const text = url.searchParams.get("since") ?? "0";
  const since = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(since)) {
    return {
      status: 400,
      body: { error: `since must be a time in ms since 1970 (or 0): got ${JSON.stringify(text)}` },
    };
  }
  const answer = await ask<ConsoleFeedMsg, HistoryReported>(
    bus,
    "webConsole",
    CONSOLE_FEED,
    (replyTo) => ({ type: "historyRequested", sinceMs: since, replyTo }),
    "historyReported",
    HISTORY_TIMEOUT_MS,
  );
  // While the converter reboots the feed is briefly away: say so, without failing the page.
  return answer === null
    ? {
      status: 200,
      body: { t: [], l1: [], l2: [], l3: [], total: [], unavailable: "rebooting or restarting" },
    }
    : { status: 200, body: answer.series };
}
