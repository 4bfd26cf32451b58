/**
 * The Huawei DTSU666-H variant passes the conformance suite every variant passes.
 *
 * @module
 */
import { dtsu666h } from "../../../variants/dtsu666h/mod.ts";
import { conformanceSuite } from "../_conformance.ts";

conformanceSuite(dtsu666h);
