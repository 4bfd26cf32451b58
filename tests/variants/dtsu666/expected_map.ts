/**
 * The dtsu666 build's documented registers, written from the Chint quick manual's Table 3 and
 * mbmd's `dtsu666.go` (reference `variants/dtsu666.md`, sections 1 and 2), not from the
 * variant's code: every measurement a float32 high word first holding the value × its factor
 * (V × 10, A × 1000, W and var × 10, PF × 1000, Hz × 100), energies plain kWh in both blocks.
 * Each names the SDM630 input address of the same quantity in the sample tables.
 *
 * @module
 */
import type { BuildSpecs } from "../_build_values.ts";
import type { WordSpec } from "../_build_words.ts";

/** A scaled measurement float: value × scale, taken from the SDM630 address `from`. */
const f = (address: number, from: number, scale: number): WordSpec => ({
  address,
  type: "float32",
  scale,
  from,
});

/** The dtsu666 build's registers (all FC03). */
export const DTSU666_SPECS: BuildSpecs = {
  holding: [
    { address: 0x0000, type: "int16", value: 204 }, // REV.
    { address: 0x0001, type: "int16", value: 701 }, // UCode
    { address: 0x0006, type: "int16", value: 1 }, // IrAt
    { address: 0x0007, type: "int16", value: 10 }, // UrAt: 1.0 × 10
    { address: 0x000b, type: "int16", value: 167 }, // meter type (D4)
    f(0x2000, 0x00c8, 10), // Uab
    f(0x2002, 0x00ca, 10), // Ubc
    f(0x2004, 0x00cc, 10), // Uca
    f(0x2006, 0x0000, 10), // Ua
    f(0x2008, 0x0002, 10), // Ub
    f(0x200a, 0x0004, 10), // Uc
    f(0x200c, 0x0006, 1000), // Ia
    f(0x200e, 0x0008, 1000), // Ib
    f(0x2010, 0x000a, 1000), // Ic
    f(0x2012, 0x0034, 10), // Pt
    f(0x2014, 0x000c, 10), // Pa
    f(0x2016, 0x000e, 10), // Pb
    f(0x2018, 0x0010, 10), // Pc
    f(0x201a, 0x003c, 10), // Qt
    f(0x201c, 0x0018, 10), // Qa
    f(0x201e, 0x001a, 10), // Qb
    f(0x2020, 0x001c, 10), // Qc
    f(0x2022, 0x0038, 10), // St
    f(0x2024, 0x0012, 10), // Sa
    f(0x2026, 0x0014, 10), // Sb
    f(0x2028, 0x0016, 10), // Sc
    f(0x202a, 0x003e, 1000), // PFt
    f(0x202c, 0x001e, 1000), // PFa
    f(0x202e, 0x0020, 1000), // PFb
    f(0x2030, 0x0022, 1000), // PFc
    f(0x2044, 0x0046, 100), // Freq
    f(0x2050, 0x0054, 10), // DmPt: 1-0:1.4.0
    f(0x101e, 0x0048, 1), // ImpEp kWh
    f(0x1028, 0x004a, 1), // ExpEp kWh
    f(0x401e, 0x0048, 1), // ImpEp kWh, secondary-side block
    f(0x4028, 0x004a, 1), // ExpEp kWh, secondary-side block
  ],
};
