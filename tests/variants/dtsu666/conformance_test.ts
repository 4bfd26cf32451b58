/**
 * The Chint DTSU666 variant passes the conformance suite every variant passes.
 *
 * @module
 */
import { dtsu666 } from "../../../variants/dtsu666/mod.ts";
import { conformanceSuite } from "../_conformance.ts";

conformanceSuite(dtsu666);
