/**
 * Every tool's default strength and how many self-ensemble passes each quality level runs, in
 * one place: the schema's defaults (restoration.ts), the engine and the estimate read them from
 * here. They are chosen on the eval's dev split only (src/main/eval), never on its test split,
 * so the test numbers stay an honest measure; change them here and nowhere else.
 *
 * Imports nothing, so restoration.ts can build its schema from it without a cycle.
 */

/**
 * How many geometric transforms of the input a model runs on before the outputs are averaged
 * (self-ensemble, ops/self-ensemble.ts): 1 is a single plain pass; 2 adds the 180° rotation,
 * 4 the flips, 8 all flips and rotations. Each pass costs a full inference.
 */
export type EnsembleSize = 1 | 2 | 4 | 8

/** 0..1: how much of the model's result a tool applies when none is asked for. */
/**
 * Deblur at three-quarter strength: on the dev split (6 crops) MAXIM's deblurring, whole, gained
 * little over the blurred input (29.8 against 29.5 dB; it invents structure on shake it
 * misreads, and on sharp architecture). Averaged over four passes and blended with the input,
 * it scored 30.3 at 1, 30.4 at 0.75, 30.3 at 0.5.
 */
export const DEFAULT_DEBLUR_STRENGTH = 0.75
export const DEFAULT_UPSCALE_STRENGTH = 1
export const DEFAULT_LOWLIGHT_STRENGTH = 1
export const DEFAULT_DENOISE_STRENGTH = 1

/**
 * Deblur's default stays one pass. On the dev split four passes (Best) gained 0.5 dB over one
 * (30.3 against 29.8), at four times the time: offered, not imposed, on a CPU.
 */
export const DEFAULT_DEBLUR_QUALITY = 'balanced'
export const DEFAULT_UPSCALE_QUALITY = 'balanced'

/** Self-ensemble passes per deblur quality level. */
export const DEBLUR_ENSEMBLE = { balanced: 1, best: 4 } as const satisfies Record<
  string,
  EnsembleSize
>
/**
 * Self-ensemble passes per upscale quality level (the level also picks the model's size). One
 * everywhere: on the dev split ×4, eight passes gained 0.09 dB over one (after back-projection)
 * for eight times the time, which no one waiting on a CPU would choose.
 */
export const UPSCALE_ENSEMBLE = { fast: 1, balanced: 1, best: 1 } as const satisfies Record<
  string,
  EnsembleSize
>
export const LOWLIGHT_ENSEMBLE: EnsembleSize = 1
export const DENOISE_ENSEMBLE: EnsembleSize = 1

/**
 * Rounds of iterative back-projection after every upscale (ops/back-projection.ts). Dev split,
 * ×4, mean PSNR: none 33.59 dB, one 34.44, two 34.53 (Lanczos: 34.31).
 */
export const UPSCALE_BACK_PROJECTION_ROUNDS = 2
