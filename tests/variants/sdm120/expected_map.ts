/**
 * The sdm120 build's documented registers, written from the Eastron "SDM120M RTU Protocol V2.5"
 * (reference `sdm630-registers.md`, section 4) and the build's rule for a three-phase telegram
 * (the single-phase equivalent of the connection), not from the variant's code. Each measured
 * register names the SDM630 input address of the same quantity in the sample tables.
 *
 * @module
 */
import type { BuildSpecs } from "../_build_values.ts";
import type { WordSpec } from "../_build_words.ts";

/** Identification, on FC03 and FC04: serial, meter code 0x0020, software version. */
const IDENTITY: readonly WordSpec[] = [
  { address: 0xfc00, type: "uint32", serial: true },
  { address: 0xfc02, type: "uint16", value: 0x0020 },
  { address: 0xfc03, type: "uint16", value: 0x0100 },
];

/** The sdm120 build's registers. */
export const SDM120_SPECS: BuildSpecs = {
  input: [
    { address: 0x0000, type: "float32", from: 0x0000 }, // voltage = L1
    { address: 0x0006, type: "float32", from: 0x0030 }, // current = sum of the phase currents
    { address: 0x000c, type: "float32", from: 0x0034 }, // active power = the total
    { address: 0x0012, type: "float32", from: 0x0038 }, // apparent power = ΣS
    { address: 0x0018, type: "float32", from: 0x003c }, // reactive power = ΣQ
    { address: 0x001e, type: "float32", from: 0x003e }, // power factor = P / S
    { address: 0x0024, type: "float32", from: 0x0042 }, // phase angle
    { address: 0x0046, type: "float32", from: 0x0046 }, // frequency
    { address: 0x0048, type: "float32", from: 0x0048 }, // import kWh
    { address: 0x004a, type: "float32", from: 0x004a }, // export kWh
    { address: 0x0054, type: "float32", from: 0x0054 }, // demand 1-0:1.4.0
    { address: 0x0056, type: "float32", from: 0x0056 }, // maximum demand 1-0:1.6.0
    { address: 0x0156, type: "float32", from: 0x0156 }, // total kWh = import + export
    ...IDENTITY,
  ],
  holding: [
    { address: 0x0012, type: "float32", value: 0 }, // parity: 0 = 8N1
    { address: 0x0014, type: "float32", value: 1 }, // address: the build's default 1
    { address: 0x001c, type: "float32", value: 2 }, // baud: code 2 = 9600
    ...IDENTITY,
  ],
};
