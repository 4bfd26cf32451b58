/**
 * The SDM120 input registers (FC04): the register list of the Eastron "SDM120M RTU Protocol
 * V2.5" (with the phase angle 0x0024 of the SDM120/220/230 family), each with the formula that
 * fills it. The SDM120 measures one phase; fed a three-phase telegram it serves the single-phase
 * equivalent of the whole connection: the total power, the summed currents, the L1 voltage (see
 * the module doc of `mod.ts`).
 *
 * @module
 */
import {
  connectionCurrent,
  exportEnergy,
  frequency,
  importEnergy,
  maxPowerDemand,
  none,
  noReactiveEnergy,
  phaseVoltage,
  powerDemand,
  type RegisterLine,
  totalApparent,
  totalEnergy,
  totalPf,
  totalPhaseAngle,
  totalPower,
  totalReactive,
} from "../_electrical/mod.ts";

const NO_DEMAND = none("the telegram has no such demand: reads 0");

/** The SDM120 input registers in address order. */
export const SDM120_INPUT: readonly RegisterLine[] = [
  { address: 0x0000, name: "Voltage", unit: "V", formula: phaseVoltage(1) },
  { address: 0x0006, name: "Current", unit: "A", formula: connectionCurrent },
  { address: 0x000c, name: "Active power", unit: "W", formula: totalPower },
  { address: 0x0012, name: "Apparent power", unit: "VA", formula: totalApparent },
  { address: 0x0018, name: "Reactive power", unit: "VAr", formula: totalReactive },
  { address: 0x001e, name: "Power factor", unit: "", formula: totalPf },
  { address: 0x0024, name: "Phase angle", unit: "°", formula: totalPhaseAngle },
  { address: 0x0046, name: "Frequency", unit: "Hz", formula: frequency },
  { address: 0x0048, name: "Import active energy", unit: "kWh", formula: importEnergy },
  { address: 0x004a, name: "Export active energy", unit: "kWh", formula: exportEnergy },
  {
    address: 0x004c,
    name: "Import reactive energy",
    unit: "kVArh",
    formula: noReactiveEnergy,
  },
  {
    address: 0x004e,
    name: "Export reactive energy",
    unit: "kVArh",
    formula: noReactiveEnergy,
  },
  { address: 0x0054, name: "Total system power demand", unit: "W", formula: powerDemand },
  {
    address: 0x0056,
    name: "Maximum total system power demand",
    unit: "W",
    formula: maxPowerDemand,
  },
  { address: 0x0058, name: "Import system power demand", unit: "W", formula: NO_DEMAND },
  { address: 0x005a, name: "Maximum import system power demand", unit: "W", formula: NO_DEMAND },
  { address: 0x005c, name: "Export system power demand", unit: "W", formula: NO_DEMAND },
  { address: 0x005e, name: "Maximum export system power demand", unit: "W", formula: NO_DEMAND },
  { address: 0x0102, name: "Current demand", unit: "A", formula: NO_DEMAND },
  { address: 0x0108, name: "Maximum current demand", unit: "A", formula: NO_DEMAND },
  { address: 0x0156, name: "Total active energy", unit: "kWh", formula: totalEnergy },
  {
    address: 0x0158,
    name: "Total reactive energy",
    unit: "kVArh",
    formula: noReactiveEnergy,
  },
];
