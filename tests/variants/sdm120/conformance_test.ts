/**
 * The SDM120 variant passes the conformance suite every variant passes.
 *
 * @module
 */
import { sdm120 } from "../../../variants/sdm120/mod.ts";
import { conformanceSuite } from "../_conformance.ts";

conformanceSuite(sdm120);
