/**
 * Debian's chromium, headless, driven over the Chrome DevTools Protocol on its own WebSocket (no
 * npm package: Deno has WebSocket built in). For the web console's browser tests and the README
 * screenshot: open a page, evaluate script in it, wait for a condition, collect every console
 * error, uncaught exception and failed load, take a PNG.
 *
 * @module
 */
import { type FollowedChild, spawnFollowed } from "./_child_process.ts";

/** The Debian chromium binary (package `chromium`). */
export const CHROMIUM = "/usr/bin/chromium";

/** Flags that work headless as root in a container, with nothing fetched from the internet. */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-extensions",
  "--disable-default-apps",
  "--mute-audio",
  "--remote-debugging-port=0",
];

/** Something the page reported: a console error, an uncaught exception or a failed load. */
export interface PageProblem {
  /** `console`, `exception` or the Log domain's source (`network`, `security`, …). */
  readonly source: string;
  readonly text: string;
  /** The URL it concerns, when known. */
  readonly url: string;
}

interface Pending {
  resolve: (value: Record<string, unknown>) => void;
  reject: (error: Error) => void;
}

/** A headless chromium and one page in it. */
export class Browser {
  readonly #child: FollowedChild;
  readonly #socket: WebSocket;
  readonly #dir: string;
  readonly #pending = new Map<number, Pending>();
  readonly #eventWaiters = new Map<string, (() => void)[]>();
  #session = "";
  #next = 1;
  /** Every problem the page reported so far. */
  readonly problems: PageProblem[] = [];

  private constructor(child: FollowedChild, socket: WebSocket, dir: string) {
    this.#child = child;
    this.#socket = socket;
    this.#dir = dir;
    socket.onmessage = (event) => this.#receive(JSON.parse(String(event.data)));
  }

  /**
   * Starts chromium with a fresh profile and opens a blank page of `width` × `height`.
   *
   * @throws {Error} naming the Debian package when chromium is not installed
   */
  static async launch(width = 1400, height = 1000): Promise<Browser> {
    try {
      await Deno.stat(CHROMIUM);
    } catch {
      throw new Error(`${CHROMIUM} is missing: install the Debian package chromium`);
    }
    const dir = await Deno.makeTempDir({ prefix: "a1mb-chromium-" });
    const child = spawnFollowed(
      CHROMIUM,
      [...FLAGS, `--user-data-dir=${dir}`, `--window-size=${width},${height}`, "about:blank"],
      { killAfterMs: 3000 },
    );
    let url: string;
    try {
      const line = await child.waitForLine(/DevTools listening on ws:\/\//, 30_000);
      url = line.slice(line.indexOf("ws://")).trim();
    } catch (error) {
      await child.stop();
      await Deno.remove(dir, { recursive: true }).catch(() => {});
      throw new Error(`chromium did not start: ${error}\n${child.lines.join("\n")}`);
    }
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.onopen = () => resolve();
      socket.onerror = () => reject(new Error(`Cannot connect to chromium at ${url}`));
    });
    const browser = new Browser(child, socket, dir);
    await browser.#openPage(width, height);
    return browser;
  }

  async #openPage(width: number, height: number): Promise<void> {
    const { targetId } = await this.#send("Target.createTarget", { url: "about:blank" }, false);
    const { sessionId } = await this.#send(
      "Target.attachToTarget",
      { targetId, flatten: true },
      false,
    );
    this.#session = String(sessionId);
    await this.send("Runtime.enable");
    await this.send("Log.enable");
    await this.send("Page.enable");
    await this.send("Emulation.setDeviceMetricsOverride", {
      width,
      height,
      deviceScaleFactor: 1,
      mobile: false,
    });
  }

  #receive(message: Record<string, unknown>): void {
    const id = message.id as number | undefined;
    if (id !== undefined) {
      const pending = this.#pending.get(id);
      this.#pending.delete(id);
      const error = message.error as { message: string } | undefined;
      if (error !== undefined) pending?.reject(new Error(`DevTools: ${error.message}`));
      else pending?.resolve((message.result ?? {}) as Record<string, unknown>);
      return;
    }
    const params = (message.params ?? {}) as Record<string, unknown>;
    const waiting = this.#eventWaiters.get(String(message.method));
    if (waiting !== undefined) {
      this.#eventWaiters.delete(String(message.method));
      for (const resolve of waiting) resolve();
    }
    switch (message.method) {
      case "Runtime.consoleAPICalled": {
        if (params.type !== "error" && params.type !== "warning" && params.type !== "assert") {
          return;
        }
        const args = (params.args as { value?: unknown; description?: string }[]) ?? [];
        this.problems.push({
          source: "console",
          text: args.map((a) => String(a.value ?? a.description ?? "")).join(" "),
          url: "",
        });
        return;
      }
      case "Runtime.exceptionThrown": {
        const details = params.exceptionDetails as {
          text: string;
          url?: string;
          exception?: { description?: string };
        };
        this.problems.push({
          source: "exception",
          text: `${details.text} ${details.exception?.description ?? ""}`,
          url: details.url ?? "",
        });
        return;
      }
      case "Log.entryAdded": {
        const entry = params.entry as { level: string; source: string; text: string; url?: string };
        if (entry.level === "error" || entry.level === "warning") {
          this.problems.push({ source: entry.source, text: entry.text, url: entry.url ?? "" });
        }
        return;
      }
    }
  }

  #send(
    method: string,
    params: Record<string, unknown> = {},
    inSession = true,
  ): Promise<Record<string, unknown>> {
    const id = this.#next++;
    const message = inSession ? { id, method, params, sessionId: this.#session } : {
      id,
      method,
      params,
    };
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#socket.send(JSON.stringify(message));
    });
  }

  /** Sends a DevTools command to the page. */
  send(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    return this.#send(method, params, true);
  }

  /** Loads `url` and waits for its load event. */
  async navigate(url: string): Promise<void> {
    const loaded = new Promise<void>((resolve) => {
      const waiting = this.#eventWaiters.get("Page.loadEventFired") ?? [];
      waiting.push(resolve);
      this.#eventWaiters.set("Page.loadEventFired", waiting);
    });
    const result = await this.send("Page.navigate", { url });
    if (typeof result.errorText === "string") {
      throw new Error(`Cannot load ${url}: ${result.errorText}`);
    }
    await loaded;
  }

  /** Evaluates `expression` in the page (awaiting a promise) and returns its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    const result = await this.send("Runtime.evaluate", {
      expression,
      awaitPromise: true,
      returnByValue: true,
    });
    const thrown = result.exceptionDetails as { exception?: { description?: string } } | undefined;
    if (thrown !== undefined) {
      throw new Error(
        `In the page: ${thrown.exception?.description ?? "exception"}: ${expression}`,
      );
    }
    return (result.result as { value: T }).value;
  }

  /** Waits until `expression` is truthy in the page; throws after `timeoutMs` naming it. */
  async waitFor(expression: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await this.evaluate<boolean>(`Boolean(${expression})`)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Not true within ${timeoutMs} ms in the page: ${expression}`);
  }

  /** A PNG of the whole page (`fullPage`) or of the viewport. */
  async screenshot(fullPage = false): Promise<Uint8Array> {
    const result = await this.send("Page.captureScreenshot", {
      format: "png",
      captureBeyondViewport: fullPage,
    });
    return Uint8Array.from(atob(String(result.data)), (c) => c.charCodeAt(0));
  }

  /** Closes the browser and removes its profile. */
  async close(): Promise<void> {
    try {
      this.#socket.close();
    } catch { /* already closed */ }
    await this.#child.stop();
    await Deno.remove(this.#dir, { recursive: true }).catch(() => {});
  }
}
