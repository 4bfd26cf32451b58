/**
 * Reading config.toml from disk: a thin I/O shell around {@linkcode loadConfigText}.
 *
 * @module
 */

import { loadConfigText, type LoadOptions, type LoadResult } from "./load_config.ts";

/** The result of {@linkcode readConfigText}: the text, or why it could not be read. */
export type ReadResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: string };

/** Reads a text file as strict UTF-8; the reason is short and lower-case (`no such file`). */
export async function readConfigText(path: string): Promise<ReadResult> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (error) {
    return { ok: false, reason: describeReadError(error) };
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: "not valid UTF-8 text" };
  }
}

/**
 * Reads and validates a config file. A file that cannot be read gives one problem:
 * `FILE: cannot read file: no such file`.
 *
 * @param path where the file is; also the name used in messages
 * @param options the build whose defaults apply (see {@linkcode loadConfigText})
 */
export async function loadConfigFile(
  path: string,
  options: LoadOptions = {},
): Promise<LoadResult> {
  const read = await readConfigText(path);
  if (!read.ok) return { ok: false, problems: [`${path}: cannot read file: ${read.reason}`] };
  return loadConfigText(read.text, path, options);
}

function describeReadError(error: unknown): string {
  if (error instanceof Deno.errors.NotFound) return "no such file";
  if (error instanceof Deno.errors.PermissionDenied) return "permission denied";
  if (error instanceof Deno.errors.IsADirectory) return "it is a directory";
  if (error instanceof Deno.errors.NotADirectory) return "a part of the path is not a directory";
  return error instanceof Error ? error.message : String(error);
}
