import assert from "node:assert/strict";
import { macSerial, reachableAddresses } from "../../../drivers/net/host_network.ts";

const NICS = [
  { name: "lo", address: "127.0.0.1" },
  { name: "eth0", address: "192.0.2.7" },
  { name: "wlan0", address: "198.51.100.4" },
];

Deno.test("a wildcard listener is reachable on every non-loopback IPv4 address", () => {
  assert.deepEqual(reachableAddresses("0.0.0.0", NICS), ["192.0.2.7", "198.51.100.4"]);
  assert.deepEqual(reachableAddresses("::", NICS), ["192.0.2.7", "198.51.100.4"]);
});

Deno.test("a listener on one address is reachable there only; loopback and names nowhere", () => {
  assert.deepEqual(reachableAddresses("198.51.100.4", NICS), ["198.51.100.4"]);
  assert.deepEqual(reachableAddresses("127.0.0.1", NICS), []);
  assert.deepEqual(reachableAddresses("203.0.113.1", NICS), []);
  assert.deepEqual(reachableAddresses("localhost", NICS), []);
});

/** A fake /sys/class/net: name → [MAC, physical]. */
async function sysfs(nics: Record<string, [string, boolean]>): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "a1mb-sysfs-" });
  for (const [name, [mac, physical]] of Object.entries(nics)) {
    await Deno.mkdir(`${dir}/${name}`);
    await Deno.writeTextFile(`${dir}/${name}/address`, `${mac}\n`);
    if (physical) await Deno.mkdir(`${dir}/${name}/device`);
  }
  return dir;
}

Deno.test("the serial is the first physical interface's MAC, never a bridge's or loopback's", async () => {
  const dir = await sysfs({
    br0: ["02:42:ac:11:00:01", false],
    lo: ["00:00:00:00:00:00", false],
    wlan0: ["B8:27:EB:00:00:02", true],
    eth0: ["b8:27:eb:aa:bb:cc", true],
  });
  try {
    assert.equal(macSerial(dir), "b827ebaabbcc");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the serial falls back to a virtual interface's MAC, and is null without any", async () => {
  const virtual = await sysfs({
    veth0: ["02:fc:00:00:00:01", false],
    lo: ["00:00:00:00:00:00", false],
  });
  const none = await sysfs({ lo: ["00:00:00:00:00:00", false] });
  try {
    assert.equal(macSerial(virtual), "02fc00000001");
    assert.equal(macSerial(none), null);
    assert.equal(macSerial(`${none}/missing`), null);
  } finally {
    await Deno.remove(virtual, { recursive: true });
    await Deno.remove(none, { recursive: true });
  }
});
