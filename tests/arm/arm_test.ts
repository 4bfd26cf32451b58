/**
 * ARM proof: the sdm630 bundle runs on the aarch64 Deno (npm `@deno/linux-arm64-glibc`, the
 * same version as the host's) under `qemu-aarch64 -L /usr/aarch64-linux-gnu`, replays a fixture
 * telegram from a file and serves Modbus TCP; pymodbus reads the total power register.
 *
 * The aarch64 Deno is fetched once with `npm pack` into `$HOME/.cache/a1mb` (outside git). A
 * missing qemu, cross libc or npm fails the test with the Debian package to install.
 *
 * @module
 */
import assert from "node:assert/strict";
import { freePort } from "../e2e/_a1mb_process.ts";
import { pymodbus, requirePymodbus } from "../interop/_masters.ts";
import { artefactRunArgs, bundle, fileTcpConfig, ROOT, startBundle } from "../build/_bundle.ts";

const SYSROOT = "/usr/aarch64-linux-gnu";
const DENO_VERSION = Deno.version.deno;

async function run(command: string, args: string[], cwd?: string): Promise<Deno.CommandOutput> {
  return await new Deno.Command(command, {
    args,
    stdout: "piped",
    stderr: "piped",
    ...(cwd === undefined ? {} : { cwd }),
  }).output();
}

/** Fails with the package to install unless qemu-aarch64 and the arm64 cross libraries exist. */
async function requireQemu(): Promise<void> {
  try {
    const out = await run("qemu-aarch64", ["--version"]);
    if (out.code !== 0) throw new Error(`exit code ${out.code}`);
  } catch (error) {
    throw new Error(`qemu-aarch64 is missing: install the Debian package qemu-user (${error})`);
  }
  const needed: [string, string][] = [
    [`${SYSROOT}/lib/ld-linux-aarch64.so.1`, "libc6-arm64-cross"],
    [`${SYSROOT}/lib/libc.so.6`, "libc6-arm64-cross"],
    [`${SYSROOT}/lib/libgcc_s.so.1`, "libgcc-s1-arm64-cross"],
  ];
  for (const [path, pkg] of needed) {
    try {
      await Deno.stat(path);
    } catch {
      throw new Error(`${path} is missing: install the Debian package ${pkg}`);
    }
  }
}

/** The aarch64 Deno binary, fetched with `npm pack` into the cache on first use. */
async function aarch64Deno(): Promise<string> {
  const home = Deno.env.get("HOME");
  if (home === undefined) throw new Error("HOME is not set: cannot find the cache folder");
  const dir = `${home}/.cache/a1mb/deno-aarch64-${DENO_VERSION}`;
  const binary = `${dir}/package/deno`;
  try {
    await Deno.stat(binary);
    return binary;
  } catch { /* not cached yet */ }
  await Deno.mkdir(dir, { recursive: true });
  const spec = `@deno/linux-arm64-glibc@${DENO_VERSION}`;
  let packed: Deno.CommandOutput;
  try {
    packed = await run("npm", ["pack", spec], dir);
  } catch (error) {
    throw new Error(`npm is missing: needed to fetch ${spec} (${error})`);
  }
  const tarball = new TextDecoder().decode(packed.stdout).trim().split("\n").at(-1) ?? "";
  if (packed.code !== 0 || !tarball.endsWith(".tgz")) {
    throw new Error(`npm pack ${spec} failed: ${new TextDecoder().decode(packed.stderr)}`);
  }
  const untar = await run("tar", ["xzf", tarball, "package/deno"], dir);
  if (untar.code !== 0) {
    throw new Error(`Cannot extract package/deno from ${dir}/${tarball}`);
  }
  return binary;
}

Deno.test("arm: the sdm630 bundle runs on aarch64 Deno under qemu and serves the total power over TCP", async () => {
  await requireQemu();
  await requirePymodbus();
  const deno = await aarch64Deno();
  const dir = await Deno.makeTempDir({ prefix: "a1mb-arm-" });
  try {
    await bundle("variants/sdm630/main.ts", `${dir}/a1mb-sdm630.js`);
    const qemu = ["-L", SYSROOT, deno, "run", "--no-config", "--no-prompt"];

    const version = await run("qemu-aarch64", [...qemu, "a1mb-sdm630.js", "--version"], dir);
    assert.match(
      new TextDecoder().decode(version.stdout),
      /\(variant sdm630: Eastron SDM630-Modbus V2; target aarch64-unknown-linux-gnu\)/,
    );

    // 1-0:1.7.0(00.000*kW) 1-0:2.7.0(00.198*kW): total power −198 W = float32 0xC3460000
    const telegrams = new URL(
      "tests/fixtures/telegrams/domoticz_P1MeterSerial_BE_T211_1ph_50213.txt",
      ROOT,
    );
    const port = freePort();
    await Deno.writeTextFile(`${dir}/config.toml`, fileTcpConfig(telegrams.pathname, port));
    const a1mb = startBundle(
      "qemu-aarch64",
      [...qemu, ...artefactRunArgs("a1mb-sdm630.js", "config.toml")],
      dir,
    );
    try {
      await a1mb.waitForLog(/first valid telegram/, 90_000);
      const target = { transport: "tcp" as const, host: "127.0.0.1", port };
      const deadline = performance.now() + 20_000;
      for (;;) {
        const [power] = await pymodbus(target, [{ op: "read_input", address: 0x0034, count: 2 }]);
        if (JSON.stringify(power) === JSON.stringify({ registers: [0xc346, 0x0000] })) break;
        assert.ok(
          performance.now() < deadline,
          `total power: got ${JSON.stringify(power)}, want [0xC346, 0x0000] (−198 W)\n${
            a1mb.lines.join("\n")
          }`,
        );
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      await a1mb.stop();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
