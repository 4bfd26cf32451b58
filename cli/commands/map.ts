/**
 * `a1mb map [--format md|csv|json]`: the build's register map: every register of its variant
 * with its address (hex and 3xxxx/4xxxx), name, unit, type, scale, word order, source (with the
 * OBIS codes) and rule; which function code reads which space; the factory defaults; the writes
 * the master makes; the writable settings, the reboot register and the departures from the real
 * meter.
 *
 * @module
 */
import { parseCommandArgs, stringFlag } from "../args.ts";
import { type Command, UsageError } from "../command.ts";
import { renderCsv, renderJson, renderMarkdown } from "./_map_render.ts";

export { hexAddress, mapEntries, type MapEntry, registerNumber } from "./_map_entries.ts";
export { renderCsv, renderJson, renderMarkdown, typeText } from "./_map_render.ts";

/** Output formats of `a1mb map`. */
export type MapFormat = "md" | "csv" | "json";

const FORMATS: readonly MapFormat[] = ["md", "csv", "json"];

/** The `map` command. */
export const mapCommand: Command = {
  name: "map",
  synopsis: "map [--format md|csv|json]",
  summary: "print this build's register map: addresses, names, units, types, sources, rules",
  run(args, { printer, build }) {
    const parsed = parseCommandArgs("map", args, { format: { type: "string" } }, 0);
    const format = stringFlag(parsed, "format") ?? "md";
    if (!FORMATS.includes(format as MapFormat)) {
      throw new UsageError(`map: option "--format" must be md, csv or json: got "${format}"`);
    }
    const render = { md: renderMarkdown, csv: renderCsv, json: renderJson }[format as MapFormat];
    printer.out(render(build.variant));
    return Promise.resolve(0);
  },
};
