/**
 * The contract of a variant plugin: one emulated meter model. The CLI and the actors see a
 * variant only through this interface; a build imports exactly one variant.
 *
 * @module
 */

/** An emulated meter model. */
export interface Variant {
  /** Short id used in artefact names and `--version` (e.g. `sdm630`). */
  readonly id: string;
  /** The meter model it emulates (e.g. `Eastron SDM630-Modbus V2`). */
  readonly model: string;
}
