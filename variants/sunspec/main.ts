/**
 * The sunspec build's entry: the CLI module and the SunSpec meter variant, nothing else. Bundles
 * and binaries of the sunspec build are made from this file.
 *
 * @module
 */
import { main } from "../../cli/mod.ts";
import { sunspec } from "./mod.ts";

if (import.meta.main) await main({ variant: sunspec });
