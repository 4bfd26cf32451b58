import assert from "node:assert/strict";
import { consoleAssets, consoleDocuments } from "../../../cli/console/console_http.ts";
import { mapEntries } from "../../../cli/commands/map.ts";
import { PowerHistory } from "../../../actors/console/power_history.ts";
import { consoleFeed } from "../../../actors/console_feed.ts";
import { CONSOLE_FEED } from "../../../actors/messages.ts";
import { Bus } from "../../../actors/runtime/bus.ts";
import { childSpec, Supervisor } from "../../../actors/runtime/supervisor.ts";
import { systemClock } from "../../../drivers/clock.ts";
import { sdm630 } from "../../../variants/sdm630/mod.ts";

Deno.test("console assets: the page and everything it loads, with their content types", () => {
  const assets = consoleAssets();
  assert.deepEqual([...assets.keys()].sort(), [
    "/",
    "/chart.js",
    "/console.css",
    "/console.js",
    "/favicon.svg",
  ]);
  assert.equal(assets.get("/console.js")?.type, "text/javascript; charset=utf-8");
  assert.match(new TextDecoder().decode(assets.get("/")?.body), /^<!doctype html>/);
});

Deno.test("console documents: the map, and the hour of power from the feed through the bus", async () => {
  const bus = new Bus(systemClock);
  const history = new PowerHistory();
  history.add({ t: Date.now() - 5000, l1: 100, l2: 200, l3: -50, total: 250 });
  const documents = consoleDocuments(bus, sdm630);
  const get = (path: string) =>
    documents.get(new URL(path, "http://x").pathname)!(new URL(path, "http://x"));

  assert.deepEqual(await get("/api/map"), { status: 200, body: mapEntries(sdm630) });
  const bad = await get("/api/history?since=yesterday");
  assert.equal(bad.status, 400);
  assert.match(JSON.stringify(bad.body), /since must be a time in ms since 1970/);

  // No feed running (a reboot under way): an empty hour that says why, not a failure.
  const away = await get("/api/history");
  assert.equal(away.status, 200);
  assert.equal((away.body as { unavailable: string }).unavailable, "rebooting or restarting");

  const sup = new Supervisor(
    bus,
    () =>
      Promise.resolve([childSpec(CONSOLE_FEED, consoleFeed, {
        history,
        staleAfterMs: 25_000,
        policy: "zero",
        invert: false,
      })]),
  );
  await sup.start();
  try {
    const hour = await get("/api/history?since=0");
    assert.deepEqual(hour.body, {
      t: [history.series(0, Date.now()).t[0]],
      l1: [100],
      l2: [200],
      l3: [-50],
      total: [250],
    });
    const none = await get(`/api/history?since=${Date.now()}`);
    assert.deepEqual((none.body as { t: number[] }).t, []);
  } finally {
    await sup.stop("done");
  }
});
