/**
 * The full image a layout's registers encode to: the RegisterStore's update applied to a fresh
 * image, as a slave holds it.
 *
 * @module
 */
import {
  buildImageUpdate,
  createEncodeScratch,
  type EncodeProblem,
  type ImageLayout,
} from "../../actors/register_image_builder.ts";
import { type MeasuredBlock, type RegisterImage } from "../../protocol/modbus/mod.ts";
import type { ValueContext } from "../../variants/api.ts";
import { imageFromUpdate } from "../protocol/modbus/_image_updates.ts";

/** Encodes every served register of `layout` and returns the image a slave would answer from. */
export function builtImage(
  layout: ImageLayout,
  ctx: ValueContext,
  blocked: MeasuredBlock,
  problems?: EncodeProblem[],
): RegisterImage {
  return imageFromUpdate(buildImageUpdate(layout, ctx, blocked, createEncodeScratch(), problems));
}
