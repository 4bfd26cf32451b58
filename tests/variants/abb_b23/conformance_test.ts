/**
 * The ABB B23 variant passes the conformance suite every variant passes.
 *
 * @module
 */
import { abb_b23 } from "../../../variants/abb_b23/mod.ts";
import { conformanceSuite } from "../_conformance.ts";

conformanceSuite(abb_b23);
