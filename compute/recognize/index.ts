/**
 * From selected Python to a simulation request. The text is parsed, never executed; anything
 * that is not a literal (or a name assigned one literal in the same file) is reported instead of
 * guessed.
 */
import { ComputeError } from '../errors';
import { recognizeStack, type ConvRecognition } from './conv';
import { parsePython } from './python';
import { fileContext } from './values';

export interface RecognizeOptions {
  /** Selection as offsets into the text; from === to means "the call under the cursor". */
  from?: number;
  to?: number;
  /** Input shape (N, C, *spatial) the user gave; otherwise one is read from the code or assumed. */
  inputShape?: number[];
  /** The assumed 2-D input (N, C, H, W); C is replaced by the first layer's in_channels. */
  defaultInputShape?: number[];
}

export type { ConvRecognition } from './conv';
export type Recognition = ConvRecognition | { error: string };

export const NOTHING_RECOGNIZED =
  'No layer found here. Select a PyTorch layer call with literal arguments, for example nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3).';

export function recognize(text: string, options: RecognizeOptions = {}): Recognition {
  const from = Math.max(0, Math.min(options.from ?? 0, text.length));
  const to = Math.max(from, Math.min(options.to ?? text.length, text.length));
  try {
    const ctx = fileContext(text, parsePython(text));
    const stack = recognizeStack(ctx, { from, to, inputShape: options.inputShape, defaultInputShape: options.defaultInputShape });
    if (stack) return stack;
    return { error: NOTHING_RECOGNIZED };
  } catch (e) {
    if (e instanceof ComputeError || e instanceof Error) return { error: e.message };
    return { error: String(e) };
  }
}
