/**
 * Reads the static imports of a1mb's own source files, for the layering test: which file imports
 * which, and whether the import brings values or only types.
 *
 * @module
 */

/** One static import or re-export of a source file. */
export interface SourceImport {
  /** The importing file, relative to the repository root (`actors/a1_reader.ts`). */
  readonly from: string;
  /** The imported file, relative to the repository root, or the bare specifier (`npm:…`). */
  readonly to: string;
  /** True when only types are imported (`import type`, or every named specifier is `type`). */
  readonly typeOnly: boolean;
  /** 1-based line of the statement. */
  readonly line: number;
}

const STATEMENT =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*["']([^"']+)["']|(?:^|\n)\s*import\s*["']([^"']+)["']/g;

/** True when a `{ a, type B }` clause names only types. */
function namedOnlyTypes(clause: string): boolean {
  const open = clause.indexOf("{");
  if (open !== 0) return false; // a default or namespace import brings a value
  const names = clause.slice(1, clause.lastIndexOf("}")).split(",").map((n) => n.trim())
    .filter((n) => n !== "");
  return names.length > 0 && names.every((n) => n.startsWith("type "));
}

/** The imports of one file's text. `file` is its path relative to the repository root. */
export function parseImports(file: string, text: string): SourceImport[] {
  const found: SourceImport[] = [];
  for (const m of text.matchAll(STATEMENT)) {
    const specifier = m[4] ?? m[5] ?? "";
    const line = text.slice(0, m.index + (m[0].startsWith("\n") ? 1 : 0)).split("\n").length;
    const typeOnly = m[5] === undefined &&
      (m[2] !== undefined || namedOnlyTypes((m[3] ?? "").trim()));
    found.push({ from: file, to: resolve(file, specifier), typeOnly, line });
  }
  return found;
}

function resolve(file: string, specifier: string): string {
  if (!specifier.startsWith(".")) return specifier;
  const parts = file.split("/").slice(0, -1);
  for (const piece of specifier.split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== ".") parts.push(piece);
  }
  return parts.join("/");
}

/** Every `.ts` file under `dirs` (relative to `root`), with its imports. */
export async function readSourceImports(
  root: URL,
  dirs: readonly string[],
): Promise<SourceImport[]> {
  const all: SourceImport[] = [];
  const walk = async (dir: string): Promise<void> => {
    for await (const entry of Deno.readDir(new URL(dir, root))) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory) await walk(path);
      else if (entry.name.endsWith(".ts")) {
        all.push(...parseImports(path, await Deno.readTextFile(new URL(path, root))));
      }
    }
  };
  for (const dir of dirs) {
    const stat = await Deno.stat(new URL(dir, root));
    if (stat.isDirectory) await walk(dir);
    else all.push(...parseImports(dir, await Deno.readTextFile(new URL(dir, root))));
  }
  return all;
}
