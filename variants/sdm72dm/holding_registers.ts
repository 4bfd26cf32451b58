/**
 * The SDM72D-M V2 holding registers (FC03; settings written with FC16, or FC06 on a float's
 * first word) and the identification registers, which also answer on FC04.
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

/** Meter code at 0xFC02: SDM72D-M V2 ("SDM72DM-2"). */
export const SDM72DM_METER_CODE = 0x0089;

/** The writable settings. */
export const SDM72DM_SETTINGS: readonly SettingDef[] = [
  EASTRON_PARITY,
  EASTRON_ADDRESS,
  codedSetting({
    key: "modbus.rtu.baud",
    address: 0x001c,
    what: "baud rate",
    codes: [[0, 2400], [1, 4800], [2, 9600], [3, 19200], [5, 1200], [6, 57600], [7, 115200]],
    shownOnly: [[4, 38400]],
  }),
];

const [PARITY, ADDRESS, BAUD] = SDM72DM_SETTINGS as [SettingDef, SettingDef, SettingDef];

/** Holding registers and the FC04 copies of the identification registers. */
export const SDM72DM_HOLDING: readonly RegisterDef[] = [
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
    meterCode: fixed(SDM72DM_METER_CODE, "0x0089 = SDM72D-M V2"),
  }),
];
