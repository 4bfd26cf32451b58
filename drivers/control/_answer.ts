/**
 * Answers one control command from a {@linkcode ControlSource}, bounded by a timeout. Shared by
 * the unix-socket and the HTTP endpoint. Internal.
 *
 * @module
 */
import type { ControlAnswer, ControlSource, SnapshotCommand } from "./control_source.ts";

/** A rendered body, or why there is none. */
export type Answer =
  | { readonly ok: true; readonly body: string }
  | { readonly ok: false; readonly error: string };

/** Default bound on taking and rendering one snapshot, in ms. */
export const DEFAULT_ANSWER_TIMEOUT_MS = 5000;

/** Takes a snapshot and renders it for `command`; never throws. */
export async function answer<S>(
  source: ControlSource<S>,
  command: SnapshotCommand,
  timeoutMs: number,
): Promise<Answer> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Answer>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, error: `no snapshot within ${timeoutMs} ms` }),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([render(source, command), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function render<S>(source: ControlSource<S>, command: SnapshotCommand): Promise<Answer> {
  try {
    const snapshot = await source.snapshot();
    const body = command === "status"
      ? (source.renderStatus ?? defaultStatus)(snapshot)
      : source.renderMetrics(snapshot);
    return { ok: true, body: body.endsWith("\n") ? body : body + "\n" };
  } catch (error) {
    return { ok: false, error: `cannot take a snapshot: ${errorText(error)}` };
  }
}

/**
 * Runs one settings operation, bounded by a timeout; never throws: a failure is a 500 answer, a
 * time-out a 503 answer, each with `{ error }`.
 */
export async function settingsAnswer(
  run: () => Promise<ControlAnswer>,
  timeoutMs: number,
): Promise<ControlAnswer> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<ControlAnswer>((resolve) => {
    timer = setTimeout(
      () => resolve({ status: 503, body: { error: `no answer within ${timeoutMs} ms` } }),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([
      run().catch((error) => ({ status: 500, body: { error: errorText(error) } })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function defaultStatus(snapshot: unknown): string {
  return JSON.stringify(snapshot, null, 2);
}

/** The message of an error, or its text. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
