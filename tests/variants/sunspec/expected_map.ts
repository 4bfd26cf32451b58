/**
 * The sunspec build's documented registers, written from the SunSpec model definitions
 * (sunspec/models `model_1.json`, `model_203.json`, `model_213.json`; reference
 * `sunspec-203.md`) and the scale factors the build documents, not from the variant's code:
 * "SunS" at 40000, model 1 at 40002 (length 65), the meter model at 40069, the end model after it.
 * Model 203's int16 points hold value × 10^−SF (A_SF −2, V_SF −1, Hz_SF −2, W/VA/VAR_SF 1,
 * PF_SF −2 with PF in percent), its energies Wh in a uint32; model 213's are float32. Each
 * measurement names the SDM630 input address of the same quantity in the sample tables.
 *
 * @module
 */
import type { BuildSpecs } from "../_build_values.ts";
import type { WordSpec } from "../_build_words.ts";

const u16 = (address: number, value: number): WordSpec => ({ address, type: "uint16", value });
const i16 = (address: number, value: number): WordSpec => ({ address, type: "int16", value });

/** "SunS" and the common model, as both meter models serve it (address 1: the default). */
const COMMON: readonly WordSpec[] = [
  { address: 40000, type: "text", length: 2, text: "SunS" },
  u16(40002, 1), // model 1
  u16(40003, 65), // its length, no Pad
  { address: 40004, type: "text", length: 16, text: "a1mb" }, // Mn
  { address: 40020, type: "text", length: 16, text: "P1 meter (SunSpec)" }, // Md
  { address: 40052, type: "text", length: 16, text: { serial: true } }, // SN
  u16(40068, 1), // DA: the Modbus address
];

/** A model 203 int16 point: value × scale, from the SDM630 address `from`. */
const p203 = (address: number, from: number, scale: number): WordSpec => ({
  address,
  type: "int16",
  scale,
  from,
});

/** Model 203's energies: Wh (kWh × 1000) in a uint32, high word first. */
const wh = (address: number, from: number): WordSpec => ({
  address,
  type: "uint32",
  scale: 1000,
  from,
});

function model203(imported: number, exported: number): WordSpec[] {
  return [
    u16(40069, 203),
    u16(40070, 105),
    p203(40071, 0x0030, 100), // A: the sum of the phase currents, A_SF −2
    p203(40072, 0x0006, 100), // AphA
    p203(40073, 0x0008, 100), // AphB
    p203(40074, 0x000a, 100), // AphC
    i16(40075, -2), // A_SF
    p203(40076, 0x002a, 10), // PhV, V_SF −1
    p203(40077, 0x0000, 10), // PhVphA
    p203(40078, 0x0002, 10), // PhVphB
    p203(40079, 0x0004, 10), // PhVphC
    p203(40080, 0x00ce, 10), // PPV
    p203(40081, 0x00c8, 10), // PhVphAB
    p203(40082, 0x00ca, 10), // PhVphBC
    p203(40083, 0x00cc, 10), // PhVphCA
    i16(40084, -1), // V_SF
    p203(40085, 0x0046, 100), // Hz, Hz_SF −2
    i16(40086, -2), // Hz_SF
    p203(40087, 0x0034, 0.1), // W, W_SF 1: 10 W steps
    p203(40088, 0x000c, 0.1), // WphA
    p203(40089, 0x000e, 0.1), // WphB
    p203(40090, 0x0010, 0.1), // WphC
    i16(40091, 1), // W_SF
    p203(40092, 0x0038, 0.1), // VA
    p203(40093, 0x0012, 0.1), // VAphA
    p203(40094, 0x0014, 0.1), // VAphB
    p203(40095, 0x0016, 0.1), // VAphC
    i16(40096, 1), // VA_SF
    p203(40097, 0x003c, 0.1), // VAR
    p203(40098, 0x0018, 0.1), // VARphA
    p203(40099, 0x001a, 0.1), // VARphB
    p203(40100, 0x001c, 0.1), // VARphC
    i16(40101, 1), // VAR_SF
    p203(40102, 0x003e, 10000), // PF: ratio × 100 (%) × 100 (PF_SF −2)
    p203(40103, 0x001e, 10000), // PFphA
    p203(40104, 0x0020, 10000), // PFphB
    p203(40105, 0x0022, 10000), // PFphC
    i16(40106, -2), // PF_SF
    wh(40107, exported), // TotWhExp
    wh(40115, imported), // TotWhImp
    i16(40123, 0), // TotWh_SF
    { address: 40174, type: "uint32", value: 0 }, // Evt
    u16(40176, 0xffff), // end model
    u16(40177, 0), // its length
  ];
}

/** A model 213 float point, from the SDM630 address `from` (× scale). */
const f213 = (address: number, from: number, scale = 1): WordSpec => ({
  address,
  type: "float32",
  scale,
  from,
});

/** The sunspec build's registers with model 203 and the grid's energies (the defaults). */
export const SUNSPEC_203_SPECS: BuildSpecs = {
  holding: [...COMMON, ...model203(0x0048, 0x004a)],
};

/** With `sunspec_energy = "meter"`: TotWhImp carries the export, TotWhExp the import. */
export const SUNSPEC_203_METER_SPECS: BuildSpecs = {
  holding: [...COMMON, ...model203(0x004a, 0x0048)],
};

/** The sunspec build's registers with `sunspec_model = 213`. */
export const SUNSPEC_213_SPECS: BuildSpecs = {
  holding: [
    ...COMMON,
    u16(40069, 213),
    u16(40070, 124),
    f213(40071, 0x0030), // A
    f213(40073, 0x0006), // AphA
    f213(40075, 0x0008), // AphB
    f213(40077, 0x000a), // AphC
    f213(40079, 0x002a), // PhV
    f213(40081, 0x0000), // PhVphA
    f213(40083, 0x0002), // PhVphB
    f213(40085, 0x0004), // PhVphC
    f213(40087, 0x00ce), // PPV
    f213(40089, 0x00c8), // PPVphAB
    f213(40091, 0x00ca), // PPVphBC
    f213(40093, 0x00cc), // PPVphCA
    f213(40095, 0x0046), // Hz
    f213(40097, 0x0034), // W
    f213(40099, 0x000c), // WphA
    f213(40101, 0x000e), // WphB
    f213(40103, 0x0010), // WphC
    f213(40105, 0x0038), // VA
    f213(40107, 0x0012), // VAphA
    f213(40109, 0x0014), // VAphB
    f213(40111, 0x0016), // VAphC
    f213(40113, 0x003c), // VAR
    f213(40115, 0x0018), // VARphA
    f213(40117, 0x001a), // VARphB
    f213(40119, 0x001c), // VARphC
    f213(40121, 0x003e), // PF: a ratio
    f213(40123, 0x001e), // PFphA
    f213(40125, 0x0020), // PFphB
    f213(40127, 0x0022), // PFphC
    f213(40129, 0x004a, 1000), // TotWhExp, Wh
    f213(40137, 0x0048, 1000), // TotWhImp, Wh
    { address: 40193, type: "uint32", value: 0 }, // Evt
    u16(40195, 0xffff), // end model
    u16(40196, 0), // its length
  ],
};
