/**
 * The dtsu666 build's entry: the CLI module and the Chint DTSU666 variant, nothing else. Bundles
 * and binaries of the dtsu666 build are made from this file.
 *
 * @module
 */
import { main } from "../../cli/mod.ts";
import { dtsu666 } from "./mod.ts";

if (import.meta.main) await main({ variant: dtsu666 });
