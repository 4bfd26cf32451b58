/**
 * The meter's Data Request input: which modem line drives it, at which level, and how the
 * attempt to set it turned out. A P1 port sends only while Data Request is high; cables power
 * it from RTS or DTR (through an inverting transistor on some, hence `data_request_invert`),
 * or tie it to +5 V (`none`).
 *
 * @module
 */
import type { ModemLines, ModemLineState } from "../../drivers/serial/serial_port.ts";
import type { DataRequestLine } from "../../config/mod.ts";

/** How setting the data-request line turned out, as the A1Reader reports it. */
export type DataRequestOutcome =
  | {
    /** `data_request = "none"`: the cable ties Data Request high itself. */
    readonly kind: "off";
  }
  | {
    /** The source has no modem lines (tcp, file, simulator): nothing to set. */
    readonly kind: "no-lines";
  }
  | {
    /** The line was set. */
    readonly kind: "set";
    readonly line: "rts" | "dtr";
    /** True: asserted; false: cleared (`data_request_invert`). */
    readonly asserted: boolean;
  }
  | {
    /** The driver refused (a pseudo-terminal has no modem lines: `ENOTTY`). */
    readonly kind: "failed";
    readonly line: "rts" | "dtr";
    readonly asserted: boolean;
    /** Symbolic errno, e.g. `"ENOTTY"`. */
    readonly code: string;
    /** Human text, e.g. `"unsupported on this device (ENOTTY)"`. */
    readonly reason: string;
  };

/** The modem-line change that requests data, or null for `none`. */
export function dataRequestLines(line: DataRequestLine, invert: boolean): ModemLineState | null {
  switch (line) {
    case "rts":
      return { rts: !invert };
    case "dtr":
      return { dtr: !invert };
    case "none":
      return null;
    default: {
      const unknown: never = line;
      return unknown;
    }
  }
}

/** Sets the data-request line on `lines` (null: the source has none) and reports the outcome. */
export function applyDataRequest(
  lines: ModemLines | null,
  line: DataRequestLine,
  invert: boolean,
): DataRequestOutcome {
  const change = dataRequestLines(line, invert);
  if (line === "none" || change === null) return { kind: "off" };
  if (lines === null) return { kind: "no-lines" };
  const asserted = !invert;
  const result = lines.setLines(change);
  if (result.ok) return { kind: "set", line, asserted };
  return { kind: "failed", line, asserted, code: result.code, reason: result.reason };
}

/** One line for the log: `RTS asserted`, `DTR cleared (inverted cable)`, `off (tied to +5 V)`. */
export function describeDataRequest(outcome: DataRequestOutcome): string {
  switch (outcome.kind) {
    case "off":
      return "not driven (data_request = none: Data Request tied to +5 V)";
    case "no-lines":
      return "not applicable (this source has no modem lines)";
    case "set":
      return `${outcome.line.toUpperCase()} ${
        outcome.asserted ? "asserted" : "cleared (inverted cable)"
      }`;
    case "failed":
      return `cannot ${
        outcome.asserted ? "assert" : "clear"
      } ${outcome.line.toUpperCase()}: ${outcome.reason}`;
    default: {
      const unknown: never = outcome;
      return unknown;
    }
  }
}
