/**
 * The values the web console shows live, read from the published register image: exactly what a
 * Modbus master reads at that moment. Which register holds which value is found in the build's
 * variant by the OBIS codes each register names as its source (the same for every P1 meter
 * model), so the console needs no table per variant. Pure.
 *
 * @module
 */
import {
  decodeFloat32,
  decodeInt16,
  decodeInt32,
  decodeUint16,
  decodeUint32,
} from "../../protocol/modbus/register_codec.ts";
import type { RegisterImage } from "../../protocol/modbus/register_image.ts";
import type { RegisterDef, Variant } from "../../variants/api.ts";

/** How a live value is found among the variant's registers. */
interface LiveSpec {
  /** The name in {@linkcode LiveValues}. */
  readonly id: LiveId;
  /** The OBIS codes the register's source starts with. */
  readonly obis: readonly string[];
  /** Whether the register's OBIS list must be exactly `obis` (not only start with it). */
  readonly exact: boolean;
  /** The unit the register must have (a register in another unit is not taken). */
  readonly unit: string;
}

/** The live values, in the order the console shows them. */
export const LIVE_IDS = [
  "power_l1_w",
  "power_l2_w",
  "power_l3_w",
  "power_w",
  "voltage_l1_v",
  "voltage_l2_v",
  "voltage_l3_v",
  "current_l1_a",
  "current_l2_a",
  "current_l3_a",
  "import_kwh",
  "export_kwh",
] as const;

/** One of {@linkcode LIVE_IDS}. */
export type LiveId = typeof LIVE_IDS[number];

const phase = (p: 1 | 2 | 3) => ({ power: 1 + 20 * p, voltage: 12 + 20 * p, current: 11 + 20 * p });

const LIVE_SPECS: readonly LiveSpec[] = [
  ...([1, 2, 3] as const).map((p): LiveSpec => ({
    id: `power_l${p}_w`,
    obis: [`1-0:${phase(p).power}.7.0`, `1-0:${phase(p).power + 1}.7.0`],
    exact: false,
    unit: "W",
  })),
  { id: "power_w", obis: ["1-0:1.7.0", "1-0:2.7.0"], exact: true, unit: "W" },
  ...([1, 2, 3] as const).map((p): LiveSpec => ({
    id: `voltage_l${p}_v`,
    obis: [`1-0:${phase(p).voltage}.7.0`],
    exact: true,
    unit: "V",
  })),
  ...([1, 2, 3] as const).map((p): LiveSpec => ({
    id: `current_l${p}_a`,
    obis: [`1-0:${phase(p).current}.7.0`],
    exact: true,
    unit: "A",
  })),
  { id: "import_kwh", obis: ["1-0:1.8.0", "1-0:1.8.1", "1-0:1.8.2"], exact: true, unit: "kWh" },
  { id: "export_kwh", obis: ["1-0:2.8.0", "1-0:2.8.1", "1-0:2.8.2"], exact: true, unit: "kWh" },
];

/** Each live value's register in the variant (null: the variant serves no such value). */
export type LiveLayout = Readonly<Record<LiveId, RegisterDef | null>>;

/** Live values: each as served (W, V, A, kWh; export power negative), or null when not served. */
export type LiveValues = Readonly<Record<LiveId, number | null>>;

function matches(def: RegisterDef, spec: LiveSpec): boolean {
  const { source } = def;
  if (def.space !== "input" || source.kind !== "reading" || def.unit !== spec.unit) return false;
  if (spec.exact && source.obis.length !== spec.obis.length) return false;
  return spec.obis.every((code, i) => source.obis[i] === code);
}

/**
 * Finds each live value's register in a variant: the first input register, by address, whose
 * source is the telegram values with those OBIS codes, in the expected unit.
 *
 * @example
 * ```ts
 * import { liveLayout } from "./live_values.ts";
 * import { sdm630 } from "../../variants/sdm630/mod.ts";
 * liveLayout(sdm630).power_w?.address; // 0x0034, "Total system power"
 * ```
 */
export function liveLayout(variant: Pick<Variant, "registers">): LiveLayout {
  const byAddress = [...variant.registers].sort((a, b) => a.address - b.address);
  return Object.fromEntries(
    LIVE_SPECS.map((spec) => [spec.id, byAddress.find((def) => matches(def, spec)) ?? null]),
  ) as Record<LiveId, RegisterDef | null>;
}

/** Decodes one register of an image as a master would. */
export function readRegister(def: RegisterDef, image: RegisterImage): number {
  const words = def.space === "input" ? image.input : image.holding;
  switch (def.type) {
    case "float32":
      return decodeFloat32(words, def.address, def.wordOrder);
    case "uint16":
      return decodeUint16(words, def.address);
    case "int16":
      return decodeInt16(words, def.address);
    case "uint32":
      return decodeUint32(words, def.address, def.wordOrder);
    case "int32":
      return decodeInt32(words, def.address, def.wordOrder);
  }
}

/** Reads every live value from an image. */
export function readLive(layout: LiveLayout, image: RegisterImage): LiveValues {
  return Object.fromEntries(
    LIVE_IDS.map((id) => {
      const def = layout[id];
      return [id, def === null ? null : readRegister(def, image)];
    }),
  ) as Record<LiveId, number | null>;
}
