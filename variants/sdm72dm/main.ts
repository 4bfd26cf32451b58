/**
 * The sdm72dm build's entry: the CLI module and the SDM72D-M V2 variant, nothing else. Bundles
 * and binaries of the sdm72dm build are made from this file.
 *
 * @module
 */
import { main } from "../../cli/mod.ts";
import { sdm72dm } from "./mod.ts";

if (import.meta.main) await main({ variant: sdm72dm });
