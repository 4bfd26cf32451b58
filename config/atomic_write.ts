/**
 * Crash-safe file replacement: after a power cut at any moment the file holds either the old or
 * the new content, never a mix or nothing.
 *
 * @module
 */

/** Options for {@linkcode writeFileAtomic}. */
export interface WriteFileAtomicOptions {
  /**
   * Permission bits for a file that does not exist yet; an existing file keeps its own.
   *
   * @default {0o644}
   */
  readonly mode?: number;
}

/**
 * Replaces the file at `path` with `content`: writes a temporary file in the same folder, syncs
 * it to disk, renames it over the target (atomic on POSIX file systems) and syncs the folder so
 * the rename itself survives a power cut. The file keeps its permission bits; a symbolic link is
 * followed and the file it points to is replaced. On failure the temporary file is removed and
 * the original file is left as it was.
 *
 * @param path the file to replace (or create)
 * @param content the new content; strings are written as UTF-8
 */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const target = await resolveTarget(path);
  const slash = target.lastIndexOf("/");
  const folder = slash < 0 ? "." : slash === 0 ? "/" : target.slice(0, slash);
  const name = target.slice(slash + 1);
  const mode = (await existingMode(target)) ?? options.mode ?? 0o644;
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  const temp = `${folder}/.${name}.${Deno.pid}.${crypto.randomUUID().slice(0, 8)}.tmp`;

  const file = await Deno.open(temp, { write: true, createNew: true, mode });
  try {
    try {
      let written = 0;
      while (written < bytes.length) written += await file.write(bytes.subarray(written));
      await file.sync();
    } finally {
      file.close();
    }
    // The umask may have narrowed the mode given to open.
    await Deno.chmod(temp, mode);
    await Deno.rename(temp, target);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
  await syncFolder(folder);
}

/** The real file behind `path` when it is a symbolic link, else `path` itself. */
async function resolveTarget(path: string): Promise<string> {
  try {
    return await Deno.realPath(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return path;
    throw error;
  }
}

async function existingMode(path: string): Promise<number | undefined> {
  try {
    const mode = (await Deno.stat(path)).mode;
    return mode === null ? undefined : mode & 0o7777;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/** fsync on the folder makes the rename durable (ext4, f2fs; a no-op need elsewhere). */
async function syncFolder(folder: string): Promise<void> {
  const handle = await Deno.open(folder, { read: true });
  try {
    await handle.sync();
  } finally {
    handle.close();
  }
}
