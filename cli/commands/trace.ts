/**
 * `a1mb trace FILE…`: reads traces back as a timeline, statistics or a Mermaid diagram.
 *
 * @module
 */
import { parseCommandArgs, stringFlag, stringListFlag } from "../args.ts";
import { type Command, UsageError } from "../command.ts";
import { filterTrace, parseTimeBound, type TraceFilter } from "../trace/trace_filter.ts";
import { readTraceFiles } from "../trace/trace_read.ts";
import { renderMermaid, renderStats, renderTimeline, traceStats } from "../trace/trace_render.ts";

/** The `trace` command. */
export const traceCommand: Command = {
  name: "trace",
  synopsis: "trace FILE… [--actor NAME] [--type T] [--since S] [--until U] [--stats | --mermaid]",
  summary: "read trace files back: timeline, per-actor stats, or a Mermaid sequence diagram",
  async run(args, { printer }) {
    const parsed = parseCommandArgs("trace", args, {
      actor: { type: "string", multiple: true },
      type: { type: "string", multiple: true },
      since: { type: "string" },
      until: { type: "string" },
      stats: { type: "boolean" },
      mermaid: { type: "boolean" },
    });
    if (parsed.positionals.length === 0) throw new UsageError("trace: missing FILE");
    if (parsed.values.stats === true && parsed.values.mermaid === true) {
      throw new UsageError("trace: choose one of --stats and --mermaid");
    }
    const filter: TraceFilter = buildFilter(parsed);
    const { records, problems } = await readTraceFiles(parsed.positionals);
    for (const p of problems) printer.err(p);
    if (records.length === 0) {
      printer.err("trace: no trace records found");
      return 1;
    }
    const startUs = records[0]?.t_us ?? 0;
    const slice = filterTrace(records, filter, startUs);
    if (parsed.values.stats === true) {
      for (const line of renderStats(traceStats(slice))) printer.out(line);
    } else if (parsed.values.mermaid === true) {
      printer.out(renderMermaid(slice).trimEnd());
    } else {
      for (const line of renderTimeline(slice, startUs)) printer.out(line);
    }
    return 0;
  },
};

function buildFilter(parsed: ReturnType<typeof parseCommandArgs>): TraceFilter {
  const bound = (flag: "since" | "until") => {
    const text = stringFlag(parsed, flag);
    if (text === undefined) return undefined;
    try {
      return parseTimeBound(text, `--${flag}`);
    } catch (error) {
      throw new UsageError(`trace: ${(error as Error).message}`);
    }
  };
  const actors = stringListFlag(parsed, "actor");
  const types = stringListFlag(parsed, "type");
  const since = bound("since");
  const until = bound("until");
  return {
    ...(actors === undefined ? {} : { actors }),
    ...(types === undefined ? {} : { types }),
    ...(since === undefined ? {} : { since }),
    ...(until === undefined ? {} : { until }),
  };
}
