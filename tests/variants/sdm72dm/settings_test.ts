/**
 * SDM72D-M V2 settings written as a master writes them: its baud codes (no 38400), parity,
 * address, the reboot register.
 *
 * @module
 */
import { sdm72dm } from "../../../variants/sdm72dm/mod.ts";
import { settingWriteSuite } from "../_settings_case.ts";

settingWriteSuite(sdm72dm, [
  // Float words by hand: 3.0 = 0x40400000, 4.0 = 0x40800000, 5.0 = 0x40A00000, 1.0 = 0x3F800000
  {
    name: "baud code 3 = 19200",
    fc: 0x10,
    address: 0x001c,
    words: [0x4040, 0x0000],
    expect: { key: "modbus.rtu.baud", value: 19200 },
  },
  {
    name: "baud code 4 (38400 on the SDM630) refused: the SDM72D-M has no 38400",
    fc: 0x10,
    address: 0x001c,
    words: [0x4080, 0x0000],
    expect: 3,
  },
  {
    name: "baud code 5 = 1200",
    fc: 0x06,
    address: 0x001c,
    words: [0x40a0],
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
  {
    name: "parity code 2 refused",
    fc: 0x10,
    address: 0x0012,
    words: [0x4000, 0x0000],
    expect: 3,
  },
  { name: "reboot: FC06 of 1", fc: 0x06, address: 0xf100, words: [1], expect: "reboot" },
]);
