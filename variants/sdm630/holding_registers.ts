/**
 * The SDM630 holding registers (FC03; settings written with FC16, or FC06 on a float's first
 * word) and the identification registers the masters check, which also answer on FC04.
 *
 * @module
 */
import type { RegisterDef, SettingDef } from "../api.ts";
import {
  codedSetting,
  EASTRON_ADDRESS,
  EASTRON_PARITY,
  eastronIdentity,
  fixed,
  register,
  settingRegister,
} from "../_electrical/mod.ts";

/** Meter code at 0xFC02: what Victron's drivers call an SDM630. */
export const SDM630_METER_CODE = 0x0070;

/** Firmware version at 0xFC03. */
export const SDM630_FIRMWARE = 0x0100;

/** The writable settings. */
export const SDM630_SETTINGS: readonly SettingDef[] = [
  EASTRON_PARITY,
  EASTRON_ADDRESS,
  codedSetting({
    key: "modbus.rtu.baud",
    address: 0x001c,
    what: "baud rate",
    codes: [
      [0, 2400],
      [1, 4800],
      [2, 9600],
      [3, 19200],
      [4, 38400],
      [5, 1200],
      [6, 57600],
      [7, 115200],
    ],
  }),
];

const [PARITY, ADDRESS, BAUD] = SDM630_SETTINGS as [SettingDef, SettingDef, SettingDef];

/** Holding registers and the FC04 copies of the identification registers. */
export const SDM630_HOLDING: readonly RegisterDef[] = [
  register("holding", "float32", {
    address: 0x0002,
    name: "Demand period",
    unit: "min",
    formula: fixed(15, "15: the e-MUCS demand 1-0:1.4.0 is a 15-minute average; read-only"),
  }),
  register("holding", "float32", {
    address: 0x000a,
    name: "System type",
    unit: "",
    formula: fixed(3, "3 = 3P4W, always (masters need 3 phases); read-only"),
  }),
  settingRegister(PARITY, "Network parity stop"),
  settingRegister(ADDRESS, "Network node (Modbus address)"),
  settingRegister(BAUD, "Network baud rate"),
  ...eastronIdentity({
    meterCode: fixed(SDM630_METER_CODE, "0x0070 = SDM630-Modbus (as Victron's drivers expect)"),
    firmware: {
      name: "Firmware version",
      formula: fixed(SDM630_FIRMWARE, "0x0100 (a1mb's emulation)"),
    },
  }),
];
