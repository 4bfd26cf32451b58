/**
 * The sdm120 build's entry: the CLI module and the SDM120 variant, nothing else. Bundles and
 * binaries of the sdm120 build are made from this file.
 *
 * @module
 */
import { main } from "../../cli/mod.ts";
import { sdm120 } from "./mod.ts";

if (import.meta.main) await main({ variant: sdm120 });
