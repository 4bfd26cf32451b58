/**
 * The abb_b23 build's entry: the CLI module and the ABB B23 variant, nothing else. Bundles and
 * binaries of the abb_b23 build are made from this file.
 *
 * @module
 */
import { main } from "../../cli/mod.ts";
import { abb_b23 } from "./mod.ts";

if (import.meta.main) await main({ variant: abb_b23 });
