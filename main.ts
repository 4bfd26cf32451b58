/**
 * The development entry: the sdm630 build (the CLI module plus the sdm630 variant).
 *
 * @module
 */
import { main } from "./cli/mod.ts";
import { sdm630 } from "./variants/sdm630/mod.ts";

if (import.meta.main) await main({ variant: sdm630 });
