/**
 * Facts about this machine's network that a service announcing itself needs: the IPv4 addresses a
 * listener is reachable on, and a stable 12-hex-digit serial taken from a MAC address (the way a
 * HomeWizard dongle's serial is its MAC).
 *
 * `Deno.networkInterfaces()` needs `--allow-sys=networkInterfaces`; the MAC addresses are read
 * from `/sys/class/net` (Linux, `--allow-read`).
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

/**
 * A stable serial from this machine's MAC addresses: the first physical interface by name (one
 * with a `device` link in `/sys/class/net`, so `eth0` before `wlan0`, never a bridge or veth),
 * else the first other interface, as 12 lower-case hex digits; null when none has a MAC.
 *
 * @param base The sysfs folder, for tests. @default "/sys/class/net"
 */
export function macSerial(base = "/sys/class/net"): string | null {
  let names: string[];
  try {
    names = [...Deno.readDirSync(base)].map((e) => e.name).filter((n) => n !== "lo").sort();
  } catch {
    return null;
  }
  const withMac = names.flatMap((name) => {
    const mac = readMac(`${base}/${name}/address`);
    return mac === null ? [] : [{ mac, physical: exists(`${base}/${name}/device`) }];
  });
  return (withMac.find((n) => n.physical) ?? withMac[0])?.mac ?? null;
}

function readMac(path: string): string | null {
  try {
    const hex = Deno.readTextFileSync(path).trim().toLowerCase().replaceAll(":", "");
    return /^[0-9a-f]{12}$/.test(hex) && !/^0+$/.test(hex) ? hex : null;
  } catch {
    return null;
  }
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}
