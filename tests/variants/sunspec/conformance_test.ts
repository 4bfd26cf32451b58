/**
 * The SunSpec meter variant passes the conformance suite every variant passes (under both meter
 * models and both energy views: the suite runs every value of the build's own options).
 *
 * @module
 */
import { sunspec } from "../../../variants/sunspec/mod.ts";
import { conformanceSuite } from "../_conformance.ts";

conformanceSuite(sunspec);
