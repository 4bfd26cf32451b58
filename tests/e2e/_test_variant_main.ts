/**
 * A per-variant entry for the end-to-end tests: the real CLI with the tests' small variant
 * (settings at 0x0012/0x0014/0x001C/0x0100, reboot register 0xF100), so settings over Modbus
 * can be tested end to end independently of the emulated meters' maps.
 *
 * @module
 */
import { main } from "../../cli/mod.ts";
import { TEST_VARIANT } from "../actors/modbus/_fixtures.ts";

if (import.meta.main) await main({ variant: TEST_VARIANT });
