/**
 * The em24 build's documented registers, written from the Carlo Gavazzi "EM24-DIN PFA, PFB & X
 * models communication protocol" V4R0 (reference `variants/em24.md`, sections 1 and 2) and
 * dbus-cgwacs's checks (section 4a), not from the variant's code: every measurement a signed
 * integer holding the value × its weight (V × 10, A × 1000, W, VA, var × 10, PF × 1000,
 * Hz × 10, kWh × 10), 32-bit values low word first. Each names the SDM630 input address of the
 * same quantity in the sample tables.
 *
 * @module
 */
import type { BuildSpecs } from "../_build_values.ts";
import type { WordSpec } from "../_build_words.ts";

/** An INT32, low word first: value × scale, taken from the SDM630 address `from`. */
const i32 = (address: number, from: number, scale: number): WordSpec => ({
  address,
  type: "int32",
  order: "low-first",
  scale,
  from,
});

/** An INT16 power factor × 1000, a magnitude (the EM24's sign means lead/lag). */
const pf = (address: number, from: number): WordSpec => ({
  address,
  type: "int16",
  scale: 1000,
  from,
  abs: true,
});

/** A constant word. */
const w = (address: number, value: number): WordSpec => ({ address, type: "uint16", value });

/** The em24 build's registers (FC03 and FC04 alike). */
export const EM24_SPECS: BuildSpecs = {
  holding: [
    i32(0x0000, 0x0000, 10), // V L1-N
    i32(0x0002, 0x0002, 10), // V L2-N
    i32(0x0004, 0x0004, 10), // V L3-N
    i32(0x0006, 0x00c8, 10), // V L1-L2
    i32(0x0008, 0x00ca, 10), // V L2-L3
    // V L3-L1 at 0x000A is not served: its high word 0x000B is the identification code.
    i32(0x000c, 0x0006, 1000), // A L1
    i32(0x000e, 0x0008, 1000), // A L2
    i32(0x0010, 0x000a, 1000), // A L3
    i32(0x0012, 0x000c, 10), // W L1
    i32(0x0014, 0x000e, 10), // W L2
    i32(0x0016, 0x0010, 10), // W L3
    i32(0x0018, 0x0012, 10), // VA L1
    i32(0x001a, 0x0014, 10), // VA L2
    i32(0x001c, 0x0016, 10), // VA L3
    i32(0x001e, 0x0018, 10), // VAR L1
    i32(0x0020, 0x001a, 10), // VAR L2
    i32(0x0022, 0x001c, 10), // VAR L3
    i32(0x0024, 0x002a, 10), // V L-N Σ: the average phase voltage
    i32(0x0026, 0x00ce, 10), // V L-L Σ: the average line voltage
    i32(0x0028, 0x0034, 10), // W Σ
    i32(0x002a, 0x0038, 10), // VA Σ
    i32(0x002c, 0x003c, 10), // VAR Σ
    i32(0x002e, 0x0054, 10), // DMD W Σ: 1-0:1.4.0
    pf(0x0032, 0x001e), // PF L1
    pf(0x0033, 0x0020), // PF L2
    pf(0x0034, 0x0022), // PF L3
    pf(0x0035, 0x003e), // PF Σ
    { address: 0x0036, type: "int16", value: 0 }, // phase sequence L1-L2-L3
    { address: 0x0037, type: "int16", scale: 10, from: 0x0046 }, // Hz
    i32(0x0038, 0x0056, 10), // DMD W Σ max: 1-0:1.6.0
    i32(0x003e, 0x0048, 10), // kWh(+) TOT
    i32(0x0042, 0x0048, 10), // kWh(+) PAR: never reset, the total
    i32(0x005c, 0x004a, 10), // kWh(-) TOT
    w(0x000b, 71), // identification: EM24-DIN AV9
    w(0x0302, 66), // version: EM24DINAV93XISX
    w(0x0303, 1), // revision
    w(0x0304, 0), // front selector: unlocked
    w(0x1101, 7), // application H
    w(0x1102, 0), // measuring system 3Pn
    w(0x1103, 15), // demand period, minutes
    { address: 0x1300, type: "text", length: 7, text: { serial: true, digits: 7 } },
  ],
};
