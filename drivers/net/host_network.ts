/**
 * Facts about this machine's network that a service announcing itself needs: the IPv4 addresses a
 * listener is reachable on, and a stable 12-hex-digit serial taken from a MAC address (the way a
 * HomeWizard dongle's serial is its MAC). Both come from `Deno.networkInterfaces()`, which needs
 * `--allow-sys=networkInterfaces` (Deno reads nothing under /sys without `--allow-all`).
 *
 * @module
 */

/** One IPv4 address of an interface. */
export interface InterfaceAddress {
  /** Interface name, e.g. `eth0`. */
  readonly name: string;
  /** Dotted quad. */
  readonly address: string;
}

/** Listen addresses meaning "every interface". */
const WILDCARDS = new Set(["0.0.0.0", "::", "0:0:0:0:0:0:0:0"]);

/**
 * The IPv4 addresses a listener on `hostname` is reachable on from the network: every
 * non-loopback IPv4 address for a wildcard (`0.0.0.0`, `::`), the address itself when it is one of
 * `interfaces`, else none (loopback, IPv6-only or a host name).
 *
 * @example
 * ```ts
 * import { reachableAddresses } from "./host_network.ts";
 *
 * const nics = [{ name: "lo", address: "127.0.0.1" }, { name: "eth0", address: "192.0.2.7" }];
 * reachableAddresses("0.0.0.0", nics); // ["192.0.2.7"]
 * reachableAddresses("127.0.0.1", nics); // []
 * ```
 */
export function reachableAddresses(
  hostname: string,
  interfaces: readonly InterfaceAddress[],
): string[] {
  const routable = interfaces.filter((i) => !i.address.startsWith("127."));
  if (WILDCARDS.has(hostname)) return [...new Set(routable.map((i) => i.address))];
  return routable.some((i) => i.address === hostname) ? [hostname] : [];
}

/**
 * This machine's IPv4 interface addresses.
 *
 * @throws {Deno.errors.NotCapable} without `--allow-sys=networkInterfaces`
 */
export function ipv4Interfaces(): InterfaceAddress[] {
  return Deno.networkInterfaces()
    .filter((i) => i.family === "IPv4")
    .map((i) => ({ name: i.name, address: i.address }));
}

/** One interface as `Deno.networkInterfaces()` lists it (one entry per address). */
export interface InterfaceMac {
  readonly name: string;
  /** `aa:bb:cc:dd:ee:ff`. */
  readonly mac: string;
}

/** Interface names of bridges, tunnels and containers: never the machine's identity. */
const VIRTUAL = /^(lo|docker|veth|br|virbr|vnet|tun|tap|wg|zt|tailscale|dummy|ifb)/;

/**
 * A stable serial from this machine's MAC addresses, the way a HomeWizard dongle's serial is its
 * MAC: the first interface by name (`end0`/`eth0` before `wlan0`) that is not virtual, else the
 * first other one, as 12 lower-case hex digits; null when none has a MAC.
 *
 * @example
 * ```ts
 * import { macSerial } from "./host_network.ts";
 *
 * macSerial([
 *   { name: "wlan0", mac: "b8:27:eb:00:00:02" },
 *   { name: "docker0", mac: "02:42:ac:11:00:01" },
 *   { name: "eth0", mac: "B8:27:EB:AA:BB:CC" },
 * ]); // "b827ebaabbcc"
 * ```
 */
export function macSerial(interfaces: readonly InterfaceMac[]): string | null {
  const candidates = interfaces
    .map((i) => ({ name: i.name, hex: i.mac.toLowerCase().replaceAll(":", "") }))
    .filter((i) => /^[0-9a-f]{12}$/.test(i.hex) && !/^0+$/.test(i.hex))
    .sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return (candidates.find((i) => !VIRTUAL.test(i.name)) ?? candidates[0])?.hex ?? null;
}

/**
 * This machine's interfaces with their MAC addresses (those that have an address now).
 *
 * @throws {Deno.errors.NotCapable} without `--allow-sys=networkInterfaces`
 */
export function interfaceMacs(): InterfaceMac[] {
  return Deno.networkInterfaces().map((i) => ({ name: i.name, mac: i.mac }));
}
