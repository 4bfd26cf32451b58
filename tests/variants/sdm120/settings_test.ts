/**
 * SDM120 settings written as a master writes them: its baud codes (0 = 2400, 1 = 4800,
 * 2 = 9600, 5 = 1200; no 19200 or 38400), parity, address, the reboot register.
 *
 * @module
 */
import { sdm120 } from "../../../variants/sdm120/mod.ts";
import { settingWriteSuite } from "../_settings_case.ts";

settingWriteSuite(sdm120, [
  // Float words by hand: 0.0 = 0, 2.0 = 0x40000000, 3.0 = 0x40400000, 5.0 = 0x40A00000,
  // 1.0 = 0x3F800000
  {
    name: "baud code 0 = 2400 (the SDM120's factory rate)",
    fc: 0x10,
    address: 0x001c,
    words: [0x0000, 0x0000],
    expect: { key: "modbus.rtu.baud", value: 2400 },
  },
  {
    name: "baud code 2 = 9600 (FC06)",
    fc: 0x06,
    address: 0x001c,
    words: [0x4000],
    expect: { key: "modbus.rtu.baud", value: 9600 },
  },
  {
    name: "baud code 3 refused: the SDM120 has no 19200",
    fc: 0x10,
    address: 0x001c,
    words: [0x4040, 0x0000],
    expect: 3,
  },
  {
    name: "baud code 5 = 1200",
    fc: 0x10,
    address: 0x001c,
    words: [0x40a0, 0x0000],
    expect: { key: "modbus.rtu.baud", value: 1200 },
  },
  {
    name: "address 1 (FC06 0x3F80)",
    fc: 0x06,
    address: 0x0014,
    words: [0x3f80],
    expect: { key: "modbus.rtu.address", value: 1 },
  },
  {
    name: "parity code 1 = 8E1",
    fc: 0x10,
    address: 0x0012,
    words: [0x3f80, 0x0000],
    expect: { key: "modbus.rtu.parity", value: "even" },
  },
  { name: "reboot: FC06 of 1", fc: 0x06, address: 0xf100, words: [1], expect: "reboot" },
]);
