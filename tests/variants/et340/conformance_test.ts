/**
 * The Carlo Gavazzi ET340 variant passes the conformance suite every variant passes.
 *
 * @module
 */
import { et340 } from "../../../variants/et340/mod.ts";
import { conformanceSuite } from "../_conformance.ts";

conformanceSuite(et340);
