/**
 * SDM630 settings written as a master writes them: FC16 of whole floats, FC06 of a float's
 * first word, the reboot register.
 *
 * @module
 */
import { sdm630 } from "../../../variants/sdm630/mod.ts";
import { settingWriteSuite } from "../_settings_case.ts";

settingWriteSuite(sdm630, [
  // Float words by hand: 17.0 = 0x41880000, 4.0 = 0x40800000, 7.0 = 0x40E00000, 1.0 = 0x3F800000
  {
    name: "FC16 address 17",
    fc: 0x10,
    address: 0x0014,
    words: [0x4188, 0x0000],
    expect: { key: "modbus.rtu.address", value: 17 },
  },
  {
    name: "FC06 first word of the address: 17",
    fc: 0x06,
    address: 0x0014,
    words: [0x4188],
    expect: { key: "modbus.rtu.address", value: 17 },
  },
  {
    name: "FC16 address 0 refused",
    fc: 0x10,
    address: 0x0014,
    words: [0x0000, 0x0000],
    expect: 3,
  },
  {
    name: "FC16 address 248 (0x43780000) refused",
    fc: 0x10,
    address: 0x0014,
    words: [0x4378, 0x0000],
    expect: 3,
  },
  {
    name: "FC16 address 17.5 (0x418C0000) refused",
    fc: 0x10,
    address: 0x0014,
    words: [0x418c, 0x0000],
    expect: 3,
  },
  {
    name: "baud code 4 = 38400",
    fc: 0x10,
    address: 0x001c,
    words: [0x4080, 0x0000],
    expect: { key: "modbus.rtu.baud", value: 38400 },
  },
  {
    name: "baud code 5 = 1200 (as on the SDM72D-M)",
    fc: 0x06,
    address: 0x001c,
    words: [0x40a0],
    expect: { key: "modbus.rtu.baud", value: 1200 },
  },
  {
    name: "baud code 7 = 115200",
    fc: 0x06,
    address: 0x001c,
    words: [0x40e0],
    expect: { key: "modbus.rtu.baud", value: 115200 },
  },
  {
    name: "baud code 8 (0x41000000) refused",
    fc: 0x10,
    address: 0x001c,
    words: [0x4100, 0x0000],
    expect: 3,
  },
  {
    name: "parity code 1 = 8E1",
    fc: 0x06,
    address: 0x0012,
    words: [0x3f80],
    expect: { key: "modbus.rtu.parity", value: "even" },
  },
  {
    name: "parity code 0 = 8N1",
    fc: 0x10,
    address: 0x0012,
    words: [0x0000, 0x0000],
    expect: { key: "modbus.rtu.parity", value: "none" },
  },
  {
    name: "parity code 2 (8O1) refused with exception 03",
    fc: 0x06,
    address: 0x0012,
    words: [0x4000],
    expect: 3,
  },
  {
    name: "parity code 3 (8N2) refused with exception 03",
    fc: 0x10,
    address: 0x0012,
    words: [0x4040, 0x0000],
    expect: 3,
  },
  { name: "reboot: FC06 of 1", fc: 0x06, address: 0xf100, words: [1], expect: "reboot" },
  {
    name: "reboot: FC16 of that one register",
    fc: 0x10,
    address: 0xf100,
    words: [1],
    expect: "reboot",
  },
  { name: "reboot register: any other value", fc: 0x06, address: 0xf100, words: [2], expect: 3 },
  {
    name: "system type is read-only",
    fc: 0x10,
    address: 0x000a,
    words: [0x4040, 0x0000],
    expect: 2,
  },
]);
