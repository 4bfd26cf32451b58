/**
 * Runs a small Deno script in a child process with exactly the permissions the artefacts run
 * with ({@linkcode RUN_PERMISSIONS}, which the build test holds equal to deno.json's compile
 * tasks), for checks that `deno test -A` would hide: what Deno refuses without `--allow-all`.
 *
 * @module
 */

import { RUN_PERMISSIONS } from "./build/_bundle.ts";

/** How a child script ended. */
export interface ArtefactScriptResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Writes `source` to a temp dir and runs it with `deno run --no-config --no-prompt` and the
 * artefacts' permissions, passing `args`. Imports in `source` must be absolute URLs.
 */
export async function runWithArtefactPermissions(
  source: string,
  args: readonly string[] = [],
): Promise<ArtefactScriptResult> {
  const dir = await Deno.makeTempDir({ prefix: "a1mb-artefact-" });
  try {
    const script = `${dir}/child.ts`;
    await Deno.writeTextFile(script, source);
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-config", "--no-prompt", ...RUN_PERMISSIONS, script, ...args],
      cwd: dir,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const decoder = new TextDecoder();
    return {
      code: output.code,
      stdout: decoder.decode(output.stdout),
      stderr: decoder.decode(output.stderr),
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
