/**
 * `.ci/run`: its gates run in order through `npx -y deno@2.9.6`, and the first that fails stops
 * CI with a line naming it. The real script runs with a fake `npx` first on PATH that logs its
 * arguments and fails on the command a test names. Also checks that the doc-test and type-check
 * tasks cover every source folder of the tree.
 */
import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url);
const DENO = "-y deno@2.9.6";

/** The gates, in order: name and the npx arguments. */
const GATES: readonly [string, string][] = [
  ["deno", `${DENO} --version`],
  ["fmt", `${DENO} fmt --check`],
  ["lint", `${DENO} lint`],
  ["check", `${DENO} task check`],
  ["doc", `${DENO} task test:doc`],
  ["test", `${DENO} task test`],
];

interface CiRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly calls: string[];
}

/** Runs .ci/run with a fake npx that fails (exit 3) on the arguments `failOn`. */
async function runCi(failOn: string | null): Promise<CiRun> {
  const dir = await Deno.makeTempDir({ prefix: "a1mb_ci_" });
  try {
    const calls = `${dir}/calls`;
    await Deno.writeTextFile(calls, "");
    await Deno.writeTextFile(
      `${dir}/npx`,
      `#!/bin/sh
printf '%s\\n' "$*" >> '${calls}'
if [ "$*" = "\${FAKE_FAIL:-}" ]; then echo "fake npx: $* went wrong" >&2; exit 3; fi
echo "fake npx: $* passed"
`,
    );
    await Deno.chmod(`${dir}/npx`, 0o755);
    const out = await new Deno.Command(new URL(".ci/run", ROOT).pathname, {
      cwd: dir, // the script finds the repository from its own path
      env: { PATH: `${dir}:/usr/bin:/bin`, FAKE_FAIL: failOn ?? "" },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder();
    return {
      code: out.code,
      stdout: text.decode(out.stdout),
      stderr: text.decode(out.stderr),
      calls: (await Deno.readTextFile(calls)).split("\n").filter((l) => l !== ""),
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("ci runs fmt, lint, check, doc examples and the README's test command, in that order", async () => {
  const r = await runCi(null);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.calls, GATES.map(([, args]) => args));
  assert.match(r.stdout, /ci: every gate passed\n$/);
  assert.equal(r.stderr, "");
});

for (const [index, [name, args]] of GATES.entries()) {
  Deno.test(`ci stops at a failing "${name}" gate, naming it, with the gate's exit code`, async () => {
    const r = await runCi(args);
    assert.equal(r.code, 3);
    assert.deepEqual(r.calls, GATES.slice(0, index + 1).map(([, a]) => a));
    assert.equal(
      r.stderr,
      `fake npx: ${args} went wrong\nci: gate "${name}" failed (exit code 3)\n`,
    );
    assert.doesNotMatch(r.stdout, /every gate passed/);
  });
}

/** The folders and files a task's command line names. */
async function taskTargets(task: string): Promise<string[]> {
  const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT)));
  const entry = config.tasks[task];
  const line: string = typeof entry === "string" ? entry : entry.command;
  return line.split(/\s+/).filter((w) => w.endsWith("/") || w.endsWith(".ts"));
}

/** Top-level folders holding TypeScript, and top-level .ts files. */
async function sourceRoots(): Promise<string[]> {
  const roots: string[] = [];
  for await (const entry of Deno.readDir(ROOT)) {
    if (entry.name.startsWith(".") || entry.name === "dist" || entry.name === "node_modules") {
      continue;
    }
    if (entry.isFile && entry.name.endsWith(".ts")) roots.push(entry.name);
    if (entry.isDirectory && await holdsTypeScript(new URL(`${entry.name}/`, ROOT))) {
      roots.push(`${entry.name}/`);
    }
  }
  return roots.sort();
}

async function holdsTypeScript(dir: URL): Promise<boolean> {
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && entry.name.endsWith(".ts")) return true;
    if (entry.isDirectory && await holdsTypeScript(new URL(`${entry.name}/`, dir))) return true;
  }
  return false;
}

Deno.test("deno task check covers every folder holding TypeScript", async () => {
  assert.deepEqual((await taskTargets("check")).sort(), await sourceRoots());
});

Deno.test("deno task test:doc covers every source folder (all but tests/ and bench/)", async () => {
  const sources = (await sourceRoots()).filter((r) => r !== "tests/" && r !== "bench/");
  assert.deepEqual((await taskTargets("test:doc")).sort(), sources);
});
