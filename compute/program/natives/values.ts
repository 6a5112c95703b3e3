/** Values only the natives make: tensors with known values, a layer's weight, parameters, `__dict__`. */
import { DictV, InstanceV, LayerV, type Value } from '../objects';
import { SymDim, TensorV, type Dim } from '../values';

/** A 1-D tensor whose values are known (`torch.linspace(0, 0.1, 12)`, `torch.arange(4)`): `.item()` reads them. */
export class ValuesV extends TensorV {
  constructor(
    readonly values: number[],
    shape: Dim[] = [values.length],
  ) {
    super(shape);
  }
}

/** A layer's weight as a tensor (`self.encoder.weight`): its shape, and which layer owns it. */
export class WeightV extends TensorV {
  constructor(
    shape: Dim[],
    readonly layer: LayerV,
  ) {
    super(shape);
  }
}

/** A tensor registered as a parameter (nn.Parameter). */
export class ParameterV extends TensorV {
  constructor(
    shape: Dim[],
    readonly trainable: boolean,
  ) {
    super(shape);
  }
}

/** `self.__dict__`: a dict whose writes set the instance's attributes (`self.__dict__.update(cfg)`). */
export class AttrDictV extends DictV {
  constructor(readonly owner: InstanceV) {
    super();
    for (const [k, v] of owner.attrs) super.set(k, v);
  }
  override set(key: Value, value: Value): void {
    super.set(key, value);
    if (typeof key === 'string') this.owner.attrs.set(key, value);
  }
}

/** PyTorch's weight layout for the layers whose weights code commonly ties or reads. */
export function weightShape(layer: LayerV): Dim[] | undefined {
  const a = layer.args;
  const n = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const ks = (v: unknown, d: number) => (Array.isArray(v) ? (v as number[]) : Array.from({ length: d }, () => v as number));
  switch (layer.className) {
    case 'Linear':
      return n(a.out_features) !== undefined && n(a.in_features) !== undefined ? [a.out_features as number, a.in_features as number] : undefined;
    case 'Embedding':
      return n(a.num_embeddings) !== undefined && n(a.embedding_dim) !== undefined ? [a.num_embeddings as number, a.embedding_dim as number] : undefined;
    case 'Conv1d':
    case 'Conv2d':
    case 'Conv3d': {
      const d = Number(layer.className[4]);
      const g = n(a.groups) ?? 1;
      if (n(a.in_channels) === undefined || n(a.out_channels) === undefined) return undefined;
      return [a.out_channels as number, (a.in_channels as number) / g, ...ks(a.kernel_size, d)];
    }
    default:
      return undefined;
  }
}

export const dimOrSym = (d: Dim): number | SymDim => (typeof d === 'number' ? d : new SymDim(d));

/** The number of elements of a shape, or null when a dimension is symbolic. */
export function numelOf(shape: readonly Dim[]): number | null {
  let n = 1;
  for (const d of shape) {
    if (typeof d !== 'number') return null;
    n *= d;
  }
  return n;
}
