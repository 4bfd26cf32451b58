/**
 * The sdm630 build's entry: the CLI module and the SDM630 variant, nothing else. Bundles and
 * binaries of the sdm630 build are made from this file.
 *
 * @module
 */
import { main } from "../../cli/mod.ts";
import { sdm630 } from "./mod.ts";

if (import.meta.main) await main({ variant: sdm630 });
