/**
 * Every valid sample telegram's expected registers, one file per telegram.
 *
 * @module
 */
import type { ExpectedSample } from "./_types.ts";
import { fork3x230v } from "./fork_3x230v.ts";
import { kaifaFull } from "./kaifa_full.ts";
import { kaifaShort } from "./kaifa_short.ts";
import { domoticz50213 } from "./domoticz_50213.ts";
import { fluviusV171 } from "./fluvius_v171.ts";
import { fluviusV171Alt } from "./fluvius_v171_alt.ts";
import { iskraIe } from "./iskra_ie.ts";
import { sagemcomT210 } from "./sagemcom_t210.ts";
import { v42 } from "./v4_2.ts";
import { eonHu } from "./eon_hu.ts";
import { v5 } from "./v5.ts";
import { dsmrhub50217 } from "./dsmrhub_50217.ts";
import { emucs171Annexb } from "./emucs171_annexb.ts";
import { geduxasPartial } from "./geduxas_partial.ts";
import { influx50216 } from "./influx_50216.ts";
import { xs210 } from "./xs210.ts";
import { v22 } from "./v2_2.ts";
import { v3 } from "./v3.ts";
import { easymeterQ3da } from "./easymeter_q3da.ts";
import { easymeterQ3db } from "./easymeter_q3db.ts";
import { kamstrupDsmr22 } from "./kamstrup_dsmr22.ts";

export type { ExpectedSample } from "./_types.ts";

/** All of them. */
export const EXPECTED_SAMPLES: readonly ExpectedSample[] = [
  fork3x230v,
  kaifaFull,
  kaifaShort,
  domoticz50213,
  fluviusV171,
  fluviusV171Alt,
  iskraIe,
  sagemcomT210,
  v42,
  eonHu,
  v5,
  dsmrhub50217,
  emucs171Annexb,
  geduxasPartial,
  influx50216,
  xs210,
  v22,
  v3,
  easymeterQ3da,
  easymeterQ3db,
  kamstrupDsmr22,
];
