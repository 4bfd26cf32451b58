/**
 * One attempt of the A1Reader's source task: open the source, set the data-request line,
 * then report every chunk until the source is lost, ends, or the signal aborts. Everything is
 * reported through `report` (the reader sends it to itself); the task never throws, so a lost
 * source can never crash the actor.
 *
 * @module
 */
import type { A1Source, A1SourceOpener } from "../../drivers/a1_source/a1_source.ts";
import type { DataRequestLine } from "../../config/mod.ts";
import type { A1ReaderMsg } from "../messages.ts";
import { errorText } from "../runtime/error_text.ts";
import { applyDataRequest } from "./data_request.ts";

/** The data-request settings (`a1.data_request`, `a1.data_request_invert`). */
export interface DataRequestSetting {
  readonly line: DataRequestLine;
  readonly invert: boolean;
}

/** Runs one attempt until the source is lost or ends, or `signal` aborts; never rejects. */
export async function runSourceAttempt(
  opener: A1SourceOpener,
  dataRequest: DataRequestSetting,
  report: (msg: A1ReaderMsg) => void,
  signal: AbortSignal,
): Promise<void> {
  let source: A1Source;
  try {
    source = await opener.open(signal);
  } catch (error) {
    if (!signal.aborted) report({ type: "sourceOpenFailed", reason: errorText(error) });
    return;
  }
  try {
    const outcome = applyDataRequest(source.modemLines, dataRequest.line, dataRequest.invert);
    report({ type: "sourceOpened", source: source.label, dataRequest: outcome });
    for (;;) {
      const bytes = await source.read(signal);
      if (bytes === null) {
        report(
          source.endIsFinal
            ? { type: "sourceEnded" }
            : { type: "sourceLost", reason: `${source.label}: closed by the other side` },
        );
        return;
      }
      report({ type: "bytesReceived", bytes });
    }
  } catch (error) {
    if (!signal.aborted) report({ type: "sourceLost", reason: errorText(error) });
  } finally {
    await source.close().catch(() => {});
  }
}
