/**
 * The pure value test of a build against every sample's hand-made table, word by word: the
 * RegisterStore's image (every register of the variant encoded with its type, scale and word
 * order) compared, over the whole of each space, with the words the build's documented map
 * (`_build_words.ts`) gives for the sample. The same specs drive the master replays.
 *
 * @module
 */
import assert from "node:assert/strict";
import { imageLayout } from "../../actors/register_image_builder.ts";
import { builtImage } from "../actors/_built_image.ts";
import { registerOptions, settingsView } from "../../actors/register_store.ts";
import { type Config, configDefaults, loadConfigText } from "../../config/mod.ts";
import type { RegisterImage } from "../../protocol/modbus/register_image.ts";
import type { Variant } from "../../variants/api.ts";
import { expectedFor, wordProblems, type WordSpec } from "./_build_words.ts";
import { sampleMeasurements } from "./_contexts.ts";
import { EXPECTED_SAMPLES, type ExpectedSample } from "./expected/mod.ts";

/** A build's documented registers, per space. */
export interface BuildSpecs {
  readonly input?: readonly WordSpec[];
  readonly holding?: readonly WordSpec[];
}

/**
 * The configuration a build runs on: its factory defaults, with `registers` (lines of the
 * `[registers]` table, e.g. `sunspec_model = 213`) when given.
 */
export function buildConfigWith(variant: Variant, registers?: string): Config {
  if (registers === undefined) return configDefaults(variant);
  const loaded = loadConfigText(`[registers]\n${registers}\n`, "test.toml", { build: variant });
  if (!loaded.ok) throw new TypeError(`Bad test configuration: ${loaded.problems.join("; ")}`);
  return loaded.config;
}

/** The image the build serves for a sample, with its factory defaults as the configuration. */
export function sampleImage(
  variant: Variant,
  sample: ExpectedSample,
  file: string,
  registers?: string,
): RegisterImage {
  const config = buildConfigWith(variant, registers);
  const options = registerOptions(variant, config);
  return builtImage(
    imageLayout(variant, options),
    {
      m: sampleMeasurements(file, sample.crc),
      hasReading: true,
      options,
      settings: settingsView(config),
    },
    null,
  );
}

/**
 * One test per sample file: the whole of both spaces against the build's documented map; with
 * `registers` (`[registers]` lines), under those options.
 */
export function buildValueSuite(variant: Variant, specs: BuildSpecs, registers?: string): void {
  const under = registers === undefined ? "" : ` with ${registers.replaceAll("\n", ", ")}`;
  for (const sample of EXPECTED_SAMPLES) {
    for (const file of sample.files) {
      Deno.test(`${variant.id} serves the hand-computed words of ${file}${under}`, () => {
        const image = sampleImage(variant, sample, file, registers);
        const problems: string[] = [];
        for (const space of ["input", "holding"] as const) {
          const words = image[space];
          const found = wordProblems(
            expectedFor(specs[space] ?? [], sample),
            (a) => words[a] ?? 0,
            [[0, 65536]],
          );
          problems.push(...found.map((p) => `${space} ${p}`));
        }
        assert.deepEqual(problems, []);
      });
    }
  }
}
