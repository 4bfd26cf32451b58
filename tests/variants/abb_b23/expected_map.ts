/**
 * The abb_b23 build's documented registers, written from Victron's `abb.py` and mbmd's `abb.go`
 * (reference `variants/abb-b2x.md`, section 1), not from the variant's code: uint64 energies in
 * kWh × 100, uint32 volts × 10 and amps × 100, int32 watts × 100, uint16 hertz × 100, int16 power
 * factor × 1000, all high word first; the model text "B23 " at 0x8960. Each measured register
 * names the SDM630 input address of the same quantity in the sample tables.
 *
 * @module
 */
import type { BuildSpecs } from "../_build_values.ts";

/** The abb_b23 build's registers (all FC03). */
export const ABB_B23_SPECS: BuildSpecs = {
  holding: [
    { address: 0x5000, type: "uint64", scale: 100, from: 0x0048 }, // import kWh
    { address: 0x5004, type: "uint64", scale: 100, from: 0x004a }, // export kWh
    { address: 0x5b00, type: "uint32", scale: 10, from: 0x0000 }, // V L1
    { address: 0x5b02, type: "uint32", scale: 10, from: 0x0002 },
    { address: 0x5b04, type: "uint32", scale: 10, from: 0x0004 },
    { address: 0x5b0c, type: "uint32", scale: 100, from: 0x0006 }, // A L1
    { address: 0x5b0e, type: "uint32", scale: 100, from: 0x0008 },
    { address: 0x5b10, type: "uint32", scale: 100, from: 0x000a },
    { address: 0x5b14, type: "int32", scale: 100, from: 0x0034 }, // W total, + = import
    { address: 0x5b16, type: "int32", scale: 100, from: 0x000c },
    { address: 0x5b18, type: "int32", scale: 100, from: 0x000e },
    { address: 0x5b1a, type: "int32", scale: 100, from: 0x0010 },
    { address: 0x5b2c, type: "uint16", scale: 100, from: 0x0046 }, // Hz
    { address: 0x5b3a, type: "int16", scale: 1000, from: 0x003e }, // PF total
    { address: 0x5b3b, type: "int16", scale: 1000, from: 0x001e },
    { address: 0x5b3c, type: "int16", scale: 1000, from: 0x0020 },
    { address: 0x5b3d, type: "int16", scale: 1000, from: 0x0022 },
    { address: 0x8900, type: "int32", serial: true },
    { address: 0x8908, type: "text", length: 8, text: "a1mb" },
    { address: 0x8960, type: "text", length: 2, text: "B23 " },
  ],
};
