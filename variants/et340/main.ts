/**
 * The et340 build's entry: the CLI module and the Carlo Gavazzi ET340 variant, nothing else.
 * Bundles and binaries of the et340 build are made from this file.
 *
 * @module
 */
import { main } from "../../cli/mod.ts";
import { et340 } from "./mod.ts";

if (import.meta.main) await main({ variant: et340 });
