/**
 * The SDM120 holding registers (FC03; settings written with FC16, or FC06 on a float's first
 * word): parity 0x0012, address 0x0014, baud 0x001C with the SDM120's codes, and the
 * identification registers (serial 0xFC00, meter code 0xFC02 = 0x0020, software version 0xFC03),
 * which also answer on FC04.
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
  settingRegister,
} from "../_electrical/mod.ts";

/** Meter code at 0xFC02: SDM120-Modbus (Eastron's SDM120M protocol V2.5). */
export const SDM120_METER_CODE = 0x0020;

/** Software version at 0xFC03. */
export const SDM120_FIRMWARE = 0x0100;

/** The writable settings. */
export const SDM120_SETTINGS: readonly SettingDef[] = [
  EASTRON_PARITY,
  EASTRON_ADDRESS,
  codedSetting({
    key: "modbus.rtu.baud",
    address: 0x001c,
    what: "baud rate",
    // The SDM120's codes (0 = 2400, 1 = 4800, 2 = 9600, 5 = 1200) and the converter's 6 and 7.
    codes: [[0, 2400], [1, 4800], [2, 9600], [5, 1200], [6, 57600], [7, 115200]],
    shownOnly: [[3, 19200], [4, 38400]],
  }),
];

const [PARITY, ADDRESS, BAUD] = SDM120_SETTINGS as [SettingDef, SettingDef, SettingDef];

/** Holding registers and the FC04 copies of the identification registers. */
export const SDM120_HOLDING: readonly RegisterDef[] = [
  settingRegister(PARITY, "Network parity stop"),
  settingRegister(ADDRESS, "Meter ID (Modbus address)"),
  settingRegister(BAUD, "Network baud rate"),
  ...eastronIdentity({
    meterCode: fixed(SDM120_METER_CODE, "0x0020 = SDM120-Modbus"),
    firmware: {
      name: "Software version",
      formula: fixed(SDM120_FIRMWARE, "0x0100 (a1mb's emulation)"),
    },
  }),
];
