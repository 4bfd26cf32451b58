/**
 * What the Carlo Gavazzi builds (EM24-DIN, ET340) share, from the makers' protocol documents
 * (reference `variants/em24.md`, sources C1 and C2): FC03 and FC04 read the same registers ("can
 * be used indifferently"); measurements are integers with a fixed weight (V × 10, A × 1000,
 * W × 10), 32-bit values **low word first**; the block 0x0000…0x002C has the same layout on both
 * meters; the serial number is 13 ASCII characters in 7 registers; address 1 at 9600 baud, 8N1.
 *
 * @module
 */
import type { BuildConfig, FunctionCodes, NumberRegisterDef, TextRegisterDef } from "../api.ts";
import {
  averageLineVoltage,
  averageVoltage,
  buildConfig,
  fixed,
  type Formula,
  importEnergy,
  lineVoltage12,
  lineVoltage23,
  type Phase,
  phaseApparent,
  phasePower,
  phaseReactive,
  phaseVoltage,
  register,
  serialText,
  textRegister,
  totalApparent,
  totalPower,
  totalReactive,
} from "../_electrical/mod.ts";

/** FC03 and FC04 read the same registers (C1 and C2, section 1.2). */
export const CG_FUNCTION_CODES: FunctionCodes = { fc03: "holding", fc04: "holding" };

/** Address 1, 9600 baud, 8N1: the EM300 series' defaults (C2) and what Victron scans first. */
export const CG_CONFIG: BuildConfig = buildConfig({ address: 1, baud: 9600 });

/** A signed 32-bit measurement, low word first, holding the value × `scale`. */
export function int32(
  address: number,
  name: string,
  unit: string,
  scale: number,
  formula: Formula,
): NumberRegisterDef {
  return register("holding", "int32", { address, name, unit, formula }, {
    scale,
    wordOrder: "low-first",
  });
}

/** A signed 16-bit measurement holding the value × `scale`. */
export function int16(
  address: number,
  name: string,
  unit: string,
  scale: number,
  formula: Formula,
): NumberRegisterDef {
  return register("holding", "int16", { address, name, unit, formula }, { scale });
}

/**
 * A constant word (identification, configuration); `protocolWrite`: Victron writes it with this
 * value when it reads another (answered as accepted, any other value refused with 03).
 */
export function word(
  address: number,
  name: string,
  value: number,
  rule: string,
  protocolWrite = false,
): NumberRegisterDef {
  return register(
    "holding",
    "uint16",
    { address, name, unit: "", formula: fixed(value, rule) },
    protocolWrite ? { protocolWrite } : {},
  );
}

/**
 * The block both meters share (C1 table 2.3-1, C2 table 2.4-1): voltages, currents (`current`
 * decides their sign), active, apparent and reactive power per phase and for the system.
 *
 * V L3-L1 (0x000A…0x000B) is left out: its high word is 0x000B, where both meters answer a
 * one-word read with their identification code (the word Victron's detection reads). A real
 * meter serves the voltage to a two-word read of 0x000A and the code to a one-word read of
 * 0x000B; one register image cannot, and the code is what a master needs. 0x000A reads 0.
 */
export function cgMeasurementBlock(current: (p: Phase) => Formula): NumberRegisterDef[] {
  // Every name spelled out: the bundle test finds a build's own names in its artefact.
  return [
    int32(0x0000, "V L1-N (phase voltage)", "V", 10, phaseVoltage(1)),
    int32(0x0002, "V L2-N (phase voltage)", "V", 10, phaseVoltage(2)),
    int32(0x0004, "V L3-N (phase voltage)", "V", 10, phaseVoltage(3)),
    int32(0x0006, "V L1-L2 (line voltage)", "V", 10, lineVoltage12),
    int32(0x0008, "V L2-L3 (line voltage)", "V", 10, lineVoltage23),
    int32(0x000c, "A L1 (current)", "A", 1000, current(1)),
    int32(0x000e, "A L2 (current)", "A", 1000, current(2)),
    int32(0x0010, "A L3 (current)", "A", 1000, current(3)),
    int32(0x0012, "W L1 (active power)", "W", 10, phasePower(1)),
    int32(0x0014, "W L2 (active power)", "W", 10, phasePower(2)),
    int32(0x0016, "W L3 (active power)", "W", 10, phasePower(3)),
    int32(0x0018, "VA L1 (apparent power)", "VA", 10, phaseApparent(1)),
    int32(0x001a, "VA L2 (apparent power)", "VA", 10, phaseApparent(2)),
    int32(0x001c, "VA L3 (apparent power)", "VA", 10, phaseApparent(3)),
    int32(0x001e, "VAR L1 (reactive power)", "var", 10, phaseReactive(1)),
    int32(0x0020, "VAR L2 (reactive power)", "var", 10, phaseReactive(2)),
    int32(0x0022, "VAR L3 (reactive power)", "var", 10, phaseReactive(3)),
    int32(0x0024, "V L-N Σ (average phase voltage)", "V", 10, averageVoltage),
    int32(0x0026, "V L-L Σ (average line voltage)", "V", 10, averageLineVoltage),
    int32(0x0028, "W Σ (total active power)", "W", 10, totalPower),
    int32(0x002a, "VA Σ (total apparent power)", "VA", 10, totalApparent),
    int32(0x002c, "VAR Σ (total reactive power)", "var", 10, totalReactive),
  ];
}

/** Digits the serial text has at least (Carlo Gavazzi serials are 7 characters, `235411W`). */
export const CG_SERIAL_DIGITS = 7;

/**
 * The serial number as text (13 characters in 7 registers, NUL padded): the serial served by
 * every build, in decimal, zero-padded to 7 digits. Victron refuses a serial of fewer than 2
 * characters, so a configured `[registers] serial = 5` must not read as "5".
 */
export function cgSerialText(address: number): TextRegisterDef {
  return textRegister("holding", {
    address,
    name: "Serial number (13 ASCII characters)",
    length: 7,
    formula: serialText(CG_SERIAL_DIGITS),
  });
}

/**
 * The partial import counter (kWh(+) PAR) of a meter that is never reset: the total. mbmd and
 * evcc read the EM24's partial counter as the import.
 */
export const CG_PARTIAL_IMPORT: Formula = {
  ...importEnergy,
  source: {
    ...importEnergy.source,
    rule: `${importEnergy.source.rule}; a partial counter never reset reads the total`,
  },
};
