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

Deno.test("the serial is the first non-virtual interface's MAC, in lower-case hex", () => {
  assert.equal(
    macSerial([
      { name: "br0", mac: "02:42:ac:11:00:01" },
      { name: "lo", mac: "00:00:00:00:00:00" },
      { name: "wlan0", mac: "B8:27:EB:00:00:02" },
      { name: "eth0", mac: "b8:27:eb:aa:bb:cc" },
      { name: "docker0", mac: "02:42:ac:11:00:02" },
    ]),
    "b827ebaabbcc",
  );
});

Deno.test("the serial falls back to a virtual interface's MAC, and is null without any", () => {
  assert.equal(
    macSerial([{ name: "veth0", mac: "02:fc:00:00:00:01" }, {
      name: "lo",
      mac: "00:00:00:00:00:00",
    }]),
    "02fc00000001",
  );
  assert.equal(macSerial([{ name: "lo", mac: "00:00:00:00:00:00" }]), null);
  assert.equal(macSerial([]), null);
});
