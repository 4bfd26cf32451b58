/**
 * The SDM630 variant passes the conformance suite every variant passes.
 *
 * @module
 */
import { sdm630 } from "../../../variants/sdm630/mod.ts";
import { conformanceSuite } from "../_conformance.ts";

conformanceSuite(sdm630);
