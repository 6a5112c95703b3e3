/** Python index values (slices, `...`) in the form the tensor rules read (values.ts, SliceArg). */
import { EllipsisV, SliceV, type Value } from './objects';
import { ELLIPSIS, SliceArg, SymDim, type IndexArg } from './values';

const bound = (v: Value): number | SymDim | null => (typeof v === 'number' || v instanceof SymDim ? v : null);

export function convertIndex(v: Value): IndexArg | Value {
  if (v instanceof SliceV) return new SliceArg(bound(v.start), bound(v.stop), bound(v.step));
  if (v === EllipsisV.it) return ELLIPSIS;
  return v;
}
