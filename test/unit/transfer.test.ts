/** shared/transfer.ts: worker results cross as moved Float64Arrays and come back as the same plain structure. */
import * as assert from 'node:assert/strict';
import { simulate } from '../../compute/simulate';
import { pack, unpack } from '../../shared/transfer';
import { applyPreset, defaultRequest, normalizingRequest } from '../../shared/flow-state';

describe('worker result transfer', () => {
  it('packs numeric arrays and arrays of equal-length numeric arrays; unpacks to exactly the same values', () => {
    const values = Array.from({ length: 20 }, (_, i) => (i === 3 ? -0 : i === 4 ? NaN : i === 5 ? -Infinity : i / 7));
    const value = {
      kind: 'x',
      a: values,
      pairs: values.map((v, i) => [v, i]),
      short: [1, 2],
      mixed: [1, 'two', ...values],
      nested: [{ b: values }],
      empty: [] as number[],
    };
    const transfer: ArrayBuffer[] = [];
    const packed = pack(value, transfer) as Record<string, unknown>;
    assert.equal(transfer.length, 3, 'a, pairs and nested[0].b are packed');
    assert.ok((packed.a as { __f64: Float64Array }).__f64 instanceof Float64Array);
    assert.deepEqual((packed.pairs as { shape: number[] }).shape, [20, 2]);
    assert.deepEqual(packed.short, [1, 2], 'short arrays stay plain');
    assert.ok(Array.isArray(packed.mixed), 'arrays with other values stay plain');
    const back = unpack(structuredClone(packed, { transfer })) as typeof value;
    assert.deepEqual(back, value);
    assert.ok(Object.is(back.a[3], -0) && Number.isNaN(back.a[4]) && back.a[5] === -Infinity);
  });

  it('a flow result survives the trip unchanged', () => {
    const result = simulate(normalizingRequest(applyPreset(defaultRequest(), 'planar')));
    const transfer: ArrayBuffer[] = [];
    const packed = pack(result, transfer);
    assert.ok(transfer.length >= 5);
    assert.deepEqual(unpack(structuredClone(packed, { transfer })), result);
  });
});
