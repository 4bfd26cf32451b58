/** Small actors and a memory trace sink used by the runtime tests. */
import type { ActorBehavior } from "../../../actors/runtime/actor.ts";
import type { ActorRef } from "../../../actors/runtime/message.ts";
import type { TraceRecord, TraceSink } from "../../../actors/runtime/trace_record.ts";

/** A trace sink that keeps records in memory. */
export class MemorySink implements TraceSink {
  records: TraceRecord[] = [];
  write(record: TraceRecord): void {
    this.records.push(record);
  }
  flush(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Messages of the recorder test actor. */
export type RecorderMsg =
  | { readonly type: "noted"; readonly value: number }
  | { readonly type: "slowNoted"; readonly value: number; readonly ms: number }
  | { readonly type: "crashRequested"; readonly reason: string }
  | { readonly type: "forwardRequested"; readonly value: number };

/** Start arguments of the recorder: a shared journal of what happened, and an optional peer. */
export interface RecorderArgs {
  readonly journal: string[];
  readonly peer?: ActorRef<RecorderMsg>;
  readonly failStarts?: { remaining: number };
}

/** State of the recorder. */
export interface RecorderState {
  readonly seen: number[];
  readonly args: RecorderArgs;
}

/** An actor that records every message it handles in a journal. */
export const recorder: ActorBehavior<RecorderMsg, RecorderState, RecorderArgs> = {
  preStart(ctx, args) {
    if (args.failStarts !== undefined && args.failStarts.remaining > 0) {
      args.failStarts.remaining--;
      throw new Error(`${ctx.name} cannot start`);
    }
    args.journal.push(`${ctx.name}:start`);
    return { seen: [], args };
  },
  async handle(state, msg, ctx) {
    switch (msg.type) {
      case "noted":
        state.args.journal.push(`${ctx.name}:noted:${msg.value}`);
        return { ...state, seen: [...state.seen, msg.value] };
      case "slowNoted":
        state.args.journal.push(`${ctx.name}:begin:${msg.value}`);
        await new Promise((r) => setTimeout(r, msg.ms));
        state.args.journal.push(`${ctx.name}:end:${msg.value}`);
        return { ...state, seen: [...state.seen, msg.value] };
      case "crashRequested":
        throw new Error(msg.reason);
      case "forwardRequested":
        if (state.args.peer !== undefined) {
          ctx.send(state.args.peer, { type: "noted", value: msg.value });
        }
        return state;
    }
  },
  postStop(_state, ctx) {
    _state.args.journal.push(`${ctx.name}:stop`);
  },
};
