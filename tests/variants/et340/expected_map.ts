/**
 * The et340 build's documented registers, written from Carlo Gavazzi's "EM300 and ET300 series"
 * communication protocol rev. 2.6 (reference `variants/em24.md`, section 3) and dbus-cgwacs's
 * checks (section 4a), not from the variant's code: every measurement a signed integer holding
 * the value × its weight (V × 10, A × 1000, W, VA, var × 10, PF × 1000, Hz × 10, kWh × 10),
 * 32-bit values low word first; in measurement mode B currents and power factors are negative
 * while the phase exports. Each names the SDM630 input address of the same quantity in the
 * sample tables.
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

/** A current (A × 1000, low word first) with the sign of its phase power (mode B). */
const amps = (address: number, from: number, power: number): WordSpec => ({
  address,
  type: "int32",
  order: "low-first",
  scale: 1000,
  from,
  signOf: power,
});

/** An INT16 power factor × 1000, negative while exporting. */
const pf = (address: number, from: number): WordSpec => ({
  address,
  type: "int16",
  scale: 1000,
  from,
});

/** A constant word. */
const w = (address: number, value: number): WordSpec => ({ address, type: "uint16", value });

/** The et340 build's registers (FC03 and FC04 alike). */
export const ET340_SPECS: BuildSpecs = {
  holding: [
    i32(0x0000, 0x0000, 10), // V L1-N
    i32(0x0002, 0x0002, 10), // V L2-N
    i32(0x0004, 0x0004, 10), // V L3-N
    i32(0x0006, 0x00c8, 10), // V L1-L2
    i32(0x0008, 0x00ca, 10), // V L2-L3
    // V L3-L1 at 0x000A is not served: its high word 0x000B is the identification code.
    amps(0x000c, 0x0006, 0x000c), // A L1, signed by W L1
    amps(0x000e, 0x0008, 0x000e), // A L2
    amps(0x0010, 0x000a, 0x0010), // A L3
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
    pf(0x002e, 0x001e), // PF L1
    pf(0x002f, 0x0020), // PF L2
    pf(0x0030, 0x0022), // PF L3
    pf(0x0031, 0x003e), // PF Σ
    { address: 0x0032, type: "int16", value: 0 }, // phase sequence L1-L2-L3
    { address: 0x0033, type: "int16", scale: 10, from: 0x0046 }, // Hz
    i32(0x0034, 0x0048, 10), // kWh(+) TOT
    i32(0x0038, 0x0054, 10), // kW dmd: 1-0:1.4.0
    i32(0x003a, 0x0056, 10), // kW dmd peak: 1-0:1.6.0
    i32(0x003c, 0x0048, 10), // kWh(+) PARTIAL: never reset, the total
    i32(0x004e, 0x004a, 10), // kWh(-) TOT
    // kWh(-) L1…L3 at 0x0060…0x0065 are answered and read 0: no per-phase energy in a telegram.
    w(0x000b, 345), // identification: ET340
    w(0x0302, 1), // version B
    w(0x0303, 0), // revision 0
    w(0x1002, 0), // measuring system 3Pn
    w(0x1103, 1), // measurement mode B
    { address: 0x5000, type: "text", length: 7, text: { serial: true, digits: 7 } },
  ],
};
