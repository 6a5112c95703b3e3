/**
 * PyTorch's functional calls as layers: `F.conv2d(x, w, ...)` (the kernel from the weight tensor's
 * shape), `F.max_pool2d(x, 2)`, `F.relu(x)`, `torch.flatten(x, 1)` and `x.view(x.size(0), -1)`.
 */
import { nodeText, type Literal, type PyCall } from '../python/syntax';
import { readArgs, type Entry } from './conv-args';
import { tensorShapeOf } from './conv-input';
import { bindTorchLayer, torchLayerSignature } from './torch-layers';
import type { FileContext } from './values';

/** F.conv2d(x, w, ...), F.max_pool2d(x, 2), F.relu(x), torch.flatten(x, 1), x.view(x.size(0), -1). */
export function functionalEntry(ctx: FileContext, call: PyCall): Entry | undefined {
  const m =
    /^(?:F|torch\.nn\.functional|nn\.functional|torch)\.(conv[123]d|max_pool[123]d|avg_pool[123]d|relu|gelu|tanh|sigmoid|dropout|flatten|adaptive_avg_pool[123]d)$/.exec(
      call.callee,
    );
  const reshape = /\.(view|reshape|flatten)$/.exec(call.callee);
  if (
    m &&
    !(m[1] === 'flatten' && !call.callee.startsWith('torch.')) &&
    !(call.callee.startsWith('torch.') && /conv|pool/.test(m[1]) && !call.callee.includes('functional'))
  ) {
    const op = m[1];
    // The input (and a conv's weight and bias) are tensors, not arguments to read.
    const rest = op.startsWith('conv')
      ? {
          ...call,
          positional: call.positional.slice(3),
          keywords: new Map([...call.keywords].filter(([k]) => k !== 'bias' && k !== 'weight' && k !== 'input')),
        }
      : { ...call, positional: call.positional.slice(1), keywords: new Map([...call.keywords].filter(([k]) => k !== 'input')) };
    const entry: Entry = {
      call,
      framework: 'pytorch',
      make: () => {
        const args = readArgs(ctx, rest);
        if (op.startsWith('conv')) {
          const wNode = call.positional[1] ?? call.keywords.get('weight');
          const wShape = wNode ? tensorShapeOf(ctx, wNode) : undefined;
          if (!wShape)
            throw new Error(`${call.callee}: the weight's shape is unknown; assign it from a literal such as \`w = torch.randn(64, 3, 7, 7)\` in this file.`);
          const more = args.positional;
          const names = ['stride', 'padding', 'dilation', 'groups'];
          const values: Record<string, Literal> = { stride: 1, padding: 0, dilation: 1, groups: 1 };
          const defaultsUsed = names.filter((n, i) => !args.keywords.has(n) && more.length <= i);
          more.slice(0, 4).forEach((v, i) => (values[names[i]] = v));
          for (const [k, v] of args.keywords) values[k] = v;
          const groups = values.groups as number;
          const hasBias =
            (call.positional.length > 2 && nodeText(ctx.text, call.positional[2]) !== 'None') ||
            (call.keywords.has('bias') && nodeText(ctx.text, call.keywords.get('bias')!) !== 'None');
          return {
            layers: [
              {
                op,
                in_channels: wShape[1] * groups,
                out_channels: wShape[0],
                kernel_size: wShape.slice(2),
                stride: values.stride as number,
                padding: values.padding as number,
                dilation: values.dilation as number,
                groups,
                bias: hasBias,
              },
            ],
            defaultsUsed,
            warnings: [],
            notes: [],
          };
        }
        if (op.includes('pool')) {
          const sig = torchLayerSignature(`nn.${op.startsWith('max') ? 'MaxPool' : op.startsWith('avg') ? 'AvgPool' : 'AdaptiveAvgPool'}${op.slice(-2, -1)}d`)!;
          const b = bindTorchLayer(sig, args.positional, args.keywords);
          return { layers: [b.layer], defaultsUsed: b.defaultsUsed, warnings: [], notes: [] };
        }
        if (op === 'flatten')
          return {
            layers: [{ op, start_dim: (args.positional[0] ?? args.keywords.get('start_dim') ?? 0) as number }],
            defaultsUsed: [],
            warnings: [],
            notes: [],
          };
        return { layers: [{ op }], defaultsUsed: [], warnings: [], notes: [] };
      },
    };
    const x = call.positional[0] ?? call.keywords.get('input');
    const xShape = x ? tensorShapeOf(ctx, x) : undefined;
    if (xShape) entry.tensorInput = xShape;
    return entry;
  }
  if (reshape && call.positional.length >= 1) {
    const last = nodeText(ctx.text, call.positional[call.positional.length - 1]).replace(/\s/g, '');
    const first = nodeText(ctx.text, call.positional[0]).replace(/\s/g, '');
    const flattenCall = reshape[1] === 'flatten' && first === '1';
    const batchMinusOne = (last === '-1' && call.positional.length === 2) || /^\((.*\.(shape\[0\]|size\(0\))|-?\d+),-1\)$/.test(first);
    if (flattenCall || batchMinusOne)
      return { call, framework: 'pytorch', make: () => ({ layers: [{ op: 'flatten' }], defaultsUsed: [], warnings: [], notes: [] }) };
  }
  return undefined;
}
