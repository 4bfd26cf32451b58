/**
 * The 80-register block at 0x0836 (2102…2181 decimal) that a Huawei SUN2000 reads from its
 * DTSU666-H in one request: 40 float32, high word first. **Weakly sourced.** No Huawei document
 * was found; this layout is the one two sources agree on, an unnamed emulator's `#define`s (D7)
 * and a proxy between a real DTSU666-H and a SUN2000 whose tests rewrite these floats (SensorsIot
 * Modbus_Proxy, `dtsu666.h`: currents, average and phase voltages, average and line voltages,
 * frequency, then total and phase active, reactive and apparent power, power factor, demand,
 * import and export energy); a translator that works with a SUN2000 (D5) puts the voltages one
 * slot earlier and drops the averages. Units: the proxy adds watts to the power floats and reads
 * volts and amps unscaled, so W, V, A, Hz and kWh; Tasmota's comments (D6) say kW. Power is
 * positive when importing, as the proxy's correction implies; `[registers] invert` flips it.
 *
 * Everything that a field report could change is in {@linkcode HUAWEI_BLOCK} (one line per
 * float) and {@linkcode POWER_SCALE} (one line for the power unit).
 *
 * @module
 */
import type { NumberRegisterDef } from "../api.ts";
import {
  averageLineVoltage,
  averageVoltage,
  exportEnergy,
  type Formula,
  frequency,
  importEnergy,
  lineVoltage12,
  lineVoltage23,
  lineVoltage31,
  none,
  noPhaseEnergy,
  phaseApparent,
  phaseCurrent,
  phasePower,
  phasePowerFactor,
  phaseReactive,
  phaseVoltage,
  powerDemand,
  register,
  totalApparent,
  totalPf,
  totalPower,
  totalReactive,
} from "../_electrical/mod.ts";

/** First register of the block. */
export const HUAWEI_BLOCK_START = 0x0836;

/**
 * The factor from watts (vars, VA) to the number sent: 1 = W (the proxy's evidence); a field
 * report that the SUN2000 wants kW makes it 0.001.
 */
export const POWER_SCALE = 1;

const NO_PHASE_DEMAND = none("the telegram has no per-phase demand: reads 0");

/** One float of the block: its name, unit, the factor to the number sent, and its formula. */
type Slot = readonly [name: string, unit: string, scale: number, formula: Formula];

/** The block, float by float from 0x0836 (slot n at 0x0836 + 2n). */
export const HUAWEI_BLOCK: readonly Slot[] = [
  ["Current L1", "A", 1, phaseCurrent(1)], // 0x0836 (2102)
  ["Current L2", "A", 1, phaseCurrent(2)], // 0x0838
  ["Current L3", "A", 1, phaseCurrent(3)], // 0x083A
  ["Average phase voltage", "V", 1, averageVoltage], // 0x083C (2108)
  ["Voltage L1-N", "V", 1, phaseVoltage(1)], // 0x083E (2110)
  ["Voltage L2-N", "V", 1, phaseVoltage(2)], // 0x0840
  ["Voltage L3-N", "V", 1, phaseVoltage(3)], // 0x0842
  ["Average line voltage", "V", 1, averageLineVoltage], // 0x0844 (2116)
  ["Voltage L1-L2", "V", 1, lineVoltage12], // 0x0846
  ["Voltage L2-L3", "V", 1, lineVoltage23], // 0x0848
  ["Voltage L3-L1", "V", 1, lineVoltage31], // 0x084A
  ["Frequency", "Hz", 1, frequency], // 0x084C (2124)
  ["Total active power", "W", POWER_SCALE, totalPower], // 0x084E (2126)
  ["Active power L1", "W", POWER_SCALE, phasePower(1)], // 0x0850
  ["Active power L2", "W", POWER_SCALE, phasePower(2)], // 0x0852
  ["Active power L3", "W", POWER_SCALE, phasePower(3)], // 0x0854
  ["Total reactive power", "var", POWER_SCALE, totalReactive], // 0x0856 (2134)
  ["Reactive power L1", "var", POWER_SCALE, phaseReactive(1)], // 0x0858
  ["Reactive power L2", "var", POWER_SCALE, phaseReactive(2)], // 0x085A
  ["Reactive power L3", "var", POWER_SCALE, phaseReactive(3)], // 0x085C
  ["Total apparent power", "VA", POWER_SCALE, totalApparent], // 0x085E (2142)
  ["Apparent power L1", "VA", POWER_SCALE, phaseApparent(1)], // 0x0860
  ["Apparent power L2", "VA", POWER_SCALE, phaseApparent(2)], // 0x0862
  ["Apparent power L3", "VA", POWER_SCALE, phaseApparent(3)], // 0x0864
  ["Total power factor", "", 1, totalPf], // 0x0866 (2150)
  ["Power factor L1", "", 1, phasePowerFactor(1)], // 0x0868
  ["Power factor L2", "", 1, phasePowerFactor(2)], // 0x086A
  ["Power factor L3", "", 1, phasePowerFactor(3)], // 0x086C
  ["Total active power demand", "W", POWER_SCALE, powerDemand], // 0x086E (2158)
  ["Active power demand L1", "W", POWER_SCALE, NO_PHASE_DEMAND], // 0x0870
  ["Active power demand L2", "W", POWER_SCALE, NO_PHASE_DEMAND], // 0x0872
  ["Active power demand L3", "W", POWER_SCALE, NO_PHASE_DEMAND], // 0x0874
  ["Total import active energy", "kWh", 1, importEnergy], // 0x0876 (2166)
  ["Import active energy L1", "kWh", 1, noPhaseEnergy], // 0x0878
  ["Import active energy L2", "kWh", 1, noPhaseEnergy], // 0x087A
  ["Import active energy L3", "kWh", 1, noPhaseEnergy], // 0x087C
  ["Total export active energy", "kWh", 1, exportEnergy], // 0x087E (2174)
  ["Export active energy L1", "kWh", 1, noPhaseEnergy], // 0x0880
  ["Export active energy L2", "kWh", 1, noPhaseEnergy], // 0x0882
  ["Export active energy L3", "kWh", 1, noPhaseEnergy], // 0x0884
];

/** The block as registers. */
export function huaweiBlock(): NumberRegisterDef[] {
  return HUAWEI_BLOCK.map(([name, unit, scale, formula], n) =>
    register(
      "holding",
      "float32",
      { address: HUAWEI_BLOCK_START + 2 * n, name, unit, formula },
      { scale },
    )
  );
}
