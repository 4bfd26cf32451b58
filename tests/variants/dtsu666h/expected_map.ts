/**
 * The dtsu666h build's documented registers, written from the reference (`variants/dtsu666.md`,
 * section 3: the 0x0836 layout of D7, decimal 2102…2180, in W, V, A, Hz and kWh, positive when
 * importing; the probe 0x07D1; 0x08A6 all 0), not from the variant's code. Each float names the
 * SDM630 input address of the same quantity in the sample tables.
 *
 * @module
 */
import type { BuildSpecs } from "../_build_values.ts";
import type { WordSpec } from "../_build_words.ts";

/** A float of the Huawei block (decimal address as the sources write it), from an SDM630 one. */
const f = (decimal: number, from: number): WordSpec => ({
  address: decimal,
  type: "float32",
  from,
});

/** The dtsu666h build's registers (all FC03). */
export const DTSU666H_SPECS: BuildSpecs = {
  holding: [
    { address: 0x07d1, type: "uint16", value: 0x3b11 }, // the probe's answer
    f(2102, 0x0006), // current L1
    f(2104, 0x0008), // current L2
    f(2106, 0x000a), // current L3
    f(2108, 0x002a), // average L-N voltage
    f(2110, 0x0000), // L1-N
    f(2112, 0x0002), // L2-N
    f(2114, 0x0004), // L3-N
    f(2116, 0x00ce), // average L-L voltage
    f(2118, 0x00c8), // L1-L2
    f(2120, 0x00ca), // L2-L3
    f(2122, 0x00cc), // L3-L1
    f(2124, 0x0046), // frequency
    f(2126, 0x0034), // total active power, W, + = import
    f(2128, 0x000c), // L1
    f(2130, 0x000e), // L2
    f(2132, 0x0010), // L3
    f(2134, 0x003c), // total reactive power
    f(2136, 0x0018),
    f(2138, 0x001a),
    f(2140, 0x001c),
    f(2142, 0x0038), // total apparent power
    f(2144, 0x0012),
    f(2146, 0x0014),
    f(2148, 0x0016),
    f(2150, 0x003e), // total power factor
    f(2152, 0x001e),
    f(2154, 0x0020),
    f(2156, 0x0022),
    f(2158, 0x0054), // total demand: 1-0:1.4.0
    f(2166, 0x0048), // import kWh
    f(2174, 0x004a), // export kWh
  ],
};
