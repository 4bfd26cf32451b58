/**
 * The start of the SunSpec chain at protocol address 40000 (register "40001" in 1-based
 * documents such as Fronius'): the marker "SunS", then the common model 1 (reference
 * `sunspec-203.md` section 1; sunspec/models `model_1.json`): manufacturer, model, options,
 * version and serial number as NUL-padded text, and the device address. Its length is 65, as
 * Fronius and the P1 dongle serve it (the model's optional Pad left out), so the meter model
 * starts at 40069 where readers with fixed addresses look for it.
 *
 * @module
 */
import type { NumberRegisterDef, RegisterCondition, RegisterDef, TextRegisterDef } from "../api.ts";
import { fixed, fixedText, register, serialText, textRegister } from "../_electrical/mod.ts";

/** Protocol address of the "SunS" marker. */
export const SUNSPEC_BASE = 40000;

/** The common model's length as served (65: no Pad). */
export const COMMON_MODEL_LENGTH = 65;

/** Protocol address where the meter model's header (ID, L) starts: 40002 + 2 + 65. */
export const METER_MODEL_ADDRESS = SUNSPEC_BASE + 2 + 2 + COMMON_MODEL_LENGTH;

/** The manufacturer text served. */
export const MANUFACTURER = "a1mb";

/** The model text served. */
export const MODEL_TEXT = "P1 meter (SunSpec)";

/** A constant uint16 (a model ID or length). */
export function header(
  address: number,
  name: string,
  value: number,
  rule: string,
): NumberRegisterDef {
  return register("holding", "uint16", { address, name, unit: "", formula: fixed(value, rule) });
}

/**
 * What follows a meter model's points: its event flags `Evt` (uint32, 0) in its last two
 * registers, then the end model (ID 0xFFFF, length 0), for a model of `length` registers after
 * its header, served while `when` holds.
 *
 * @example
 * ```ts
 * import { METER_MODEL_ADDRESS, modelEnd } from "./common_model.ts";
 * const [evt, endId] = modelEnd(105, { key: "registers.sunspec_model", value: 203 });
 * evt!.address === METER_MODEL_ADDRESS + 105 && endId!.address === 40176; // true
 * ```
 */
export function modelEnd(length: number, when: RegisterCondition): NumberRegisterDef[] {
  const at = (offset: number) => METER_MODEL_ADDRESS + offset;
  const evt = { address: at(length), name: "Evt (meter event flags)", unit: "" };
  return [
    register("holding", "uint32", { ...evt, formula: fixed(0, "0: no event flag set") }, { when }),
    { ...header(at(2 + length), "ID (end model)", 0xffff, "0xFFFF: the end of the chain"), when },
    { ...header(at(3 + length), "L (end model length)", 0, "0"), when },
  ];
}

function text(
  address: number,
  name: string,
  length: number,
  value: string | null,
  rule: string,
): TextRegisterDef {
  return textRegister("holding", {
    address,
    name,
    length,
    formula: value === null
      ? { source: { kind: "none", rule }, value: () => null }
      : fixedText(value, rule),
  });
}

/** The device address: the configured Modbus address (the TCP unit id too). */
const DEVICE_ADDRESS: NumberRegisterDef = {
  space: "holding",
  address: 40068,
  name: "DA (device address)",
  unit: "",
  type: "uint16",
  scale: 1,
  wordOrder: "high-first",
  source: {
    kind: "option",
    rule: "the configured Modbus address, [modbus.rtu] address (TCP: the unit id it answers)",
  },
  measured: false,
  value: (ctx) => {
    const address = ctx.settings("modbus.rtu.address");
    return typeof address === "number" ? address : null;
  },
};

/** The serial number as decimal text (32 characters at most, NUL padded). */
const SERIAL: TextRegisterDef = textRegister("holding", {
  address: 40052,
  name: "SN (serial number)",
  length: 16,
  formula: serialText(),
});

/** "SunS" and the common model 1. */
export const COMMON_MODEL: readonly RegisterDef[] = [
  text(
    SUNSPEC_BASE,
    "SunSpec ID (SunS marker)",
    2,
    "SunS",
    '"SunS" = 0x5375 0x6E53: a SunSpec map',
  ),
  header(40002, "ID (common model)", 1, "1: the common model"),
  header(40003, "L (common model length)", COMMON_MODEL_LENGTH, "65 registers, as Fronius"),
  text(40004, "Mn (manufacturer)", 16, MANUFACTURER, `"${MANUFACTURER}"`),
  text(40020, "Md (model)", 16, MODEL_TEXT, `"${MODEL_TEXT}"`),
  text(40036, "Opt (options)", 8, null, "not served: all NUL"),
  text(40044, "Vr (version)", 8, null, "not served: all NUL"),
  SERIAL,
  DEVICE_ADDRESS,
];
