/**
 * Fixtures of the Modbus slave tests: a small variant with SDM630-like settings (independent of
 * the real variants, which are written elsewhere), register images, and RTU/TCP frame helpers
 * with an independent CRC.
 *
 * @module
 */
import { createRegisterImage, type RegisterImage } from "../../../protocol/modbus/mod.ts";
import type { RegisterDef, SettingDef, SettingValue, Variant } from "../../../variants/api.ts";
import { bitwiseCrc, hex, toHex } from "../../protocol/modbus/_helpers.ts";

export { hex, toHex };

const BAUDS: Record<number, number> = { 0: 2400, 1: 4800, 2: 9600, 3: 19200, 4: 38400, 5: 1200 };

function floatSetting(
  key: string,
  address: number,
  decode: (n: number) => SettingValue | null,
  encode: (v: SettingValue) => number,
): SettingDef {
  return {
    key,
    address,
    type: "float32",
    wordOrder: "high-first",
    singleWordWrite: true,
    rule: key,
    decode: (n) => {
      const value = decode(n);
      return value === null ? { ok: false, reason: `${n} is not allowed` } : { ok: true, value };
    },
    encode,
  };
}

const SETTINGS: readonly SettingDef[] = [
  floatSetting(
    "modbus.rtu.parity",
    0x0012,
    (n) => ["none", "even"][n] ?? null,
    (v) => v === "even" ? 1 : 0,
  ),
  floatSetting(
    "modbus.rtu.address",
    0x0014,
    (n) => Number.isInteger(n) && n >= 1 && n <= 247 ? n : null,
    (v) => Number(v),
  ),
  floatSetting(
    "modbus.rtu.baud",
    0x001c,
    (n) => BAUDS[n] ?? null,
    (v) => Number(Object.entries(BAUDS).find(([, b]) => b === v)?.[0] ?? 2),
  ),
  {
    key: "modbus.rtu.response_delay_ms",
    address: 0x0100,
    type: "uint16",
    wordOrder: "high-first",
    singleWordWrite: false,
    rule: "ms",
    decode: (n) => n <= 1000 ? { ok: true, value: n } : { ok: false, reason: `${n} > 1000` },
    encode: (v) => typeof v === "number" ? v : 0,
  },
];

/** A holding register showing a setting's pending value. */
function settingRegister(def: SettingDef): RegisterDef {
  return {
    space: "holding",
    address: def.address,
    name: def.key,
    unit: "",
    type: def.type,
    scale: 1,
    wordOrder: def.wordOrder,
    source: { kind: "setting", key: def.key, rule: def.rule },
    measured: false,
    value: (ctx) => {
      const value = ctx.settings(def.key);
      return value === undefined ? null : def.encode(value);
    },
  };
}

/**
 * The test variant: settings parity at 0x0012 (0 = none, 1 = even), address at 0x0014 (1…247),
 * baud at 0x001C (Eastron codes), all float32 high word first with FC06 allowed on the first
 * word, and a uint16 setting at 0x0100 (0…1000, the reply delay), each readable (pending value);
 * the meter code 0x0070 at holding 0xFC02; holding 0x1101 = 7, which a master writes with that
 * value as part of its protocol (Carlo Gavazzi's application register); reboot register 0xF100,
 * value 1.
 */
export const TEST_VARIANT: Variant = {
  id: "test",
  model: "Test meter",
  registers: [
    {
      space: "holding",
      address: 0xfc02,
      name: "Meter code",
      unit: "",
      type: "uint16",
      scale: 1,
      wordOrder: "high-first",
      source: { kind: "fixed", value: 0x0070, rule: "0x0070" },
      measured: false,
      value: () => 0x0070,
    },
    {
      space: "holding",
      address: 0x1101,
      name: "Application",
      unit: "",
      type: "uint16",
      scale: 1,
      wordOrder: "high-first",
      protocolWrite: true,
      source: { kind: "fixed", value: 7, rule: "7 = H: the master writes 7 when it reads another" },
      measured: false,
      value: () => 7,
    },
    ...SETTINGS.map(settingRegister),
  ],
  functionCodes: { fc03: "holding", fc04: "input" },
  config: { defaults: {}, options: [] },
  settings: SETTINGS,
  reboot: { address: 0xf100, name: "Reboot", value: 1 },
  departures: [],
};

/** The test variant's reboot register (it has one). */
export const TEST_REBOOT = TEST_VARIANT.reboot!;

/**
 * An image: input 0x0000-0x0001 = 230.2 V (0x4366 0x3334, the Eastron doc's example) measured;
 * input 0x0034-0x0035 = 10.0 measured; holding 0xFC02 = 0x0070; the test variant's settings
 * writable (with the address setting showing 2.0 = 0x4000 0x0000).
 */
export function testImage(blocked: RegisterImage["blocked"] = null): RegisterImage {
  const image = createRegisterImage({ blocked });
  image.input.set([0x4366, 0x3334], 0);
  image.input.set([0x4120, 0x0000], 0x34);
  image.measured.input.fill(1, 0, 2);
  image.measured.input.fill(1, 0x34, 0x36);
  image.holding[0xfc02] = 0x0070;
  image.holding.set([0x4000, 0x0000], 0x14);
  for (const s of TEST_VARIANT.settings) {
    image.holdingWritable.fill(1, s.address, s.address + (s.type === "uint16" ? 1 : 2));
  }
  image.holdingWritable[TEST_REBOOT.address] = 1;
  return image;
}

/** An RTU frame: the hex text of address and PDU, with the CRC appended (low byte first). */
export function rtu(text: string): Uint8Array {
  const body = hex(text);
  const crc = bitwiseCrc(body);
  const frame = new Uint8Array(body.length + 2);
  frame.set(body);
  frame[body.length] = crc & 0xff;
  frame[body.length + 1] = crc >> 8;
  return frame;
}

/** A TCP frame: MBAP header (transaction id, protocol 0, length, unit) and the PDU in hex. */
export function mbap(transactionId: number, unitId: number, pdu: string): Uint8Array {
  const body = hex(pdu);
  const frame = new Uint8Array(7 + body.length);
  frame[0] = transactionId >> 8;
  frame[1] = transactionId & 0xff;
  frame[4] = (body.length + 1) >> 8;
  frame[5] = (body.length + 1) & 0xff;
  frame[6] = unitId;
  frame.set(body, 7);
  return frame;
}

/** Concatenates byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
