/**
 * The local control endpoints of a running a1mb (`[control] socket` and `http`): started with the
 * tree, restarted when a reboot changes them, closed at the end. A failure to listen is a warning
 * (the converter keeps running without them).
 *
 * @module
 */
import type { Logger } from "@logtape/logtape";
import { type ControlConfig, parseHostPort } from "../config/mod.ts";
import {
  type ControlAnswer,
  type ControlHttpServer,
  type ControlSocketServer,
  type ControlSource,
  type HttpAsset,
  startControlHttp,
  startControlSocket,
} from "../drivers/control/mod.ts";

/** What only the HTTP endpoint serves: the web console's files and read-only documents. */
export interface ConsoleContent {
  readonly assets: ReadonlyMap<string, HttpAsset>;
  readonly documents: ReadonlyMap<string, (url: URL) => Promise<ControlAnswer>>;
}

/** The control socket and HTTP listener of this process. */
export class ControlEndpoints<S> {
  readonly #source: ControlSource<S>;
  readonly #console: ConsoleContent | null;
  readonly #log: Logger;
  #config: ControlConfig | null = null;
  #socket: ControlSocketServer | null = null;
  #http: ControlHttpServer | null = null;

  /**
   * @param source what the endpoints answer with
   * @param console the web console served over HTTP (null: only the API and metrics)
   */
  constructor(source: ControlSource<S>, log: Logger, console: ConsoleContent | null = null) {
    this.#source = source;
    this.#log = log;
    this.#console = console;
  }

  /** Starts the endpoints `config` asks for, restarting those whose setting changed. */
  async apply(config: ControlConfig): Promise<void> {
    const previous = this.#config;
    this.#config = config;
    if (previous?.socket !== config.socket) {
      await this.#socket?.close();
      this.#socket = null;
      if (config.socket !== "") {
        try {
          this.#socket = await startControlSocket({
            ...this.#source,
            path: config.socket,
            onError: (message) => this.#log.warn("Control socket: {message}", { message }),
          });
          this.#log.info("Control socket: {path} (a1mb status)", { path: config.socket });
        } catch (error) {
          this.#log.warn(
            "Control socket not available: {error}; `a1mb status` will not reach this instance",
            {
              error: (error as Error).message,
            },
          );
        }
      }
    }
    if (previous?.http !== config.http || previous?.token !== config.token) {
      await this.#http?.close();
      this.#http = null;
      if (config.http !== "") {
        const address = parseHostPort(config.http);
        if (!address.ok) return;
        try {
          this.#http = await startControlHttp({
            ...this.#source,
            ...(this.#console ?? {}),
            token: config.token,
            hostname: address.hostname,
            port: address.port,
            onError: (message) => this.#log.warn("Control HTTP: {message}", { message }),
          });
          this.#log.info(
            "Web console: http://{listen}/ (JSON API /api/status, metrics /metrics){access}",
            {
              listen: config.http,
              access: config.token === "" ? "; read-only: no [control] token" : "",
            },
          );
        } catch (error) {
          this.#log.warn("Control HTTP not available: {error}", {
            error: (error as Error).message,
          });
        }
      }
    }
  }

  /** Closes both endpoints. */
  async close(): Promise<void> {
    await this.#socket?.close();
    await this.#http?.close();
    this.#socket = null;
    this.#http = null;
    this.#config = null;
  }
}
