import assert from "node:assert/strict";
import {
  initialLink,
  linkFinished,
  linkHealthy,
  linkLost,
  linkOpened,
  linkOpenFailed,
  linkRetrying,
} from "../../../actors/a1/link_state.ts";

const BACKOFF = { minMs: 1000, maxMs: 30_000 };
const LABEL = "serial /dev/ttyUSB0 115200 8N1";

Deno.test("link: repeated identical open failures log once, back off, and a new reason logs again", () => {
  let link = initialLink(0);
  const logged: (string | null)[] = [];
  const delays: (number | null)[] = [];
  const reasons = ["ENOENT", "ENOENT", "ENOENT", "EACCES", "EACCES"];
  for (const reason of reasons) {
    const step = linkOpenFailed(link, 0, LABEL, reason, BACKOFF);
    logged.push(step.log === null ? null : `${step.log.level} ${step.log.props.reason}`);
    delays.push(step.retryInMs);
    link = linkRetrying(step.link, 0);
  }
  assert.deepEqual(logged, ["error ENOENT", null, null, "error EACCES", null]);
  assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16_000]);
  const opened = linkOpened(link, 5, LABEL);
  assert.equal(opened.log?.template, "A1 input open again: {source}");
  assert.equal(opened.link.phase, "open");
  assert.equal(opened.link.failures, 5, "the back-off holds until bytes arrive");
  assert.equal(linkHealthy(opened.link).failures, 0);
});

Deno.test("link: losing a healthy source warns and retries after the shortest delay", () => {
  const first = linkOpened(initialLink(0), 0, LABEL);
  assert.equal(first.log?.template, "A1 input open: {source}");
  const lost = linkLost(linkHealthy(first.link), 100, "device lost (EIO)", BACKOFF);
  assert.equal(lost.log?.level, "warning");
  assert.equal(lost.retryInMs, 1000);
  assert.deepEqual(
    { phase: lost.link.phase, retryAt: lost.link.retryAt, losses: lost.link.losses },
    { phase: "waiting", retryAt: 1100, losses: 1 },
  );
});

Deno.test("link: a source that opens but is lost before any byte keeps backing off", () => {
  let link = initialLink(0);
  const delays: (number | null)[] = [];
  for (let i = 0; i < 4; i++) {
    link = linkOpened(link, 0, LABEL).link;
    const lost = linkLost(link, 0, "closed by the other side", BACKOFF);
    delays.push(lost.retryInMs);
    link = linkRetrying(lost.link, 0);
  }
  assert.deepEqual(delays, [1000, 2000, 4000, 8000]);
});

Deno.test("link: a finished input stays finished, with no retry", () => {
  const step = linkFinished(linkOpened(initialLink(0), 0, "file x.txt").link, 7, "file x.txt");
  assert.equal(step.link.phase, "finished");
  assert.equal(step.retryInMs, null);
  assert.equal(step.log?.level, "info");
});
