/**
 * The em24 build's entry: the CLI module and the Carlo Gavazzi EM24-DIN variant, nothing else.
 * Bundles and binaries of the em24 build are made from this file.
 *
 * @module
 */
import { main } from "../../cli/mod.ts";
import { em24 } from "./mod.ts";

if (import.meta.main) await main({ variant: em24 });
