/**
 * The Carlo Gavazzi EM24-DIN variant passes the conformance suite every variant passes.
 *
 * @module
 */
import { em24 } from "../../../variants/em24/mod.ts";
import { conformanceSuite } from "../_conformance.ts";

conformanceSuite(em24);
