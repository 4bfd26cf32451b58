/**
 * The interface of an append-only text output (what a trace writer needs of a file), so the
 * actors' runtime can write its trace without knowing which file driver holds it.
 *
 * @module
 */

/** Appends whole lines of text and keeps itself bounded (e.g. by rotation). */
export interface TextAppender {
  /** Appends `text` (whole lines) completely, synchronously. */
  appendText(text: string): void;
  /** Releases the output; later appends are ignored. */
  close(): void;
}
