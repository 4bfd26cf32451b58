/**
 * The dtsu666h build's entry: the CLI module and the Huawei DTSU666-H variant, nothing else.
 * Bundles and binaries of the dtsu666h build are made from this file.
 *
 * @module
 */
import { main } from "../../cli/mod.ts";
import { dtsu666h } from "./mod.ts";

if (import.meta.main) await main({ variant: dtsu666h });
