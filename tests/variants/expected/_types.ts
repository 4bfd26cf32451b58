/**
 * The shape of an expected-register table: the registers a sample telegram must produce,
 * written by hand from the telegram text, shared by the variants' pure value tests and the
 * end-to-end tests.
 *
 * @module
 */

/** What one sample telegram must produce. */
export interface ExpectedSample {
  /** Fixture files (tests/fixtures/telegrams/) that carry this telegram. */
  readonly files: readonly string[];
  /** CRC policy the files need: "optional" for telegrams without a CRC (DSMR 2.2/3, EasyMeter). */
  readonly crc: "required" | "optional";
  /** Serial number at 0xFC00 (uint32, FC03 and FC04). */
  readonly serial: number;
  /** The SDM630 input registers (float32) that are not 0, by address; every other reads 0. */
  readonly input: Readonly<Record<number, number>>;
  /** The SDM72D-M's own input registers (0x0180…0x0502) that are not 0. */
  readonly sdm72dm: Readonly<Record<number, number>>;
}
