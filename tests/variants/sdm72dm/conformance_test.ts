/**
 * The SDM72D-M V2 variant passes the conformance suite every variant passes.
 *
 * @module
 */
import { sdm72dm } from "../../../variants/sdm72dm/mod.ts";
import { conformanceSuite } from "../_conformance.ts";

conformanceSuite(sdm72dm);
