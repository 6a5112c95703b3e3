/**
 * Output sizes along one axis, exactly as PyTorch computes them (see the "Shape" sections of
 * torch.nn.Conv2d, ConvTranspose2d and MaxPool2d).
 */

/** The span a dilated kernel covers: d·(k − 1) + 1 input samples. */
export function effectiveKernel(kernel: number, dilation: number): number {
  return dilation * (kernel - 1) + 1;
}

/**
 * Convolution: out = ⌊(n + p_before + p_after − d·(k − 1) − 1) / s⌋ + 1.
 * The numerator is the number of positions past the first one where the dilated kernel still fits.
 */
export function convOutSize(n: number, kernel: number, stride: number, padBefore: number, padAfter: number, dilation: number): number {
  return Math.floor((n + padBefore + padAfter - effectiveKernel(kernel, dilation)) / stride) + 1;
}

/**
 * Transposed convolution (the adjoint of convolution):
 * out = (n − 1)·s − p_before − p_after + d·(k − 1) + output_padding + 1.
 */
export function convTransposeOutSize(
  n: number,
  kernel: number,
  stride: number,
  padBefore: number,
  padAfter: number,
  dilation: number,
  outputPadding: number,
): number {
  return (n - 1) * stride - padBefore - padAfter + dilation * (kernel - 1) + outputPadding + 1;
}

/**
 * Pooling: like convolution, but with ceil_mode the last partial window counts, unless it would
 * start entirely inside the right padding (PyTorch drops that window).
 */
export function poolOutSize(n: number, kernel: number, stride: number, pad: number, dilation: number, ceilMode: boolean): number {
  const span = n + 2 * pad - effectiveKernel(kernel, dilation);
  if (!ceilMode) return Math.floor(span / stride) + 1;
  let out = Math.ceil(span / stride) + 1;
  if ((out - 1) * stride >= n + pad) out -= 1;
  return out;
}
