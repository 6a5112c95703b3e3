import * as assert from 'node:assert/strict';
import { simulate, TERMS } from '../../compute';
import { flowRequestFromParams, optimizerRequestFromParams } from '../../shared/lab-params';
import { isRequestFor } from '../../shared/protocol';

describe('Open in lab parameters', () => {
  it('every optimizer and flow term with a lab opens a request that runs (or the lab defaults)', () => {
    let opened = 0;
    for (const term of TERMS) {
      if (!term.lab || term.lab.kind === 'conv') continue;
      const request = term.lab.kind === 'optimizer' ? optimizerRequestFromParams(term.lab.params) : flowRequestFromParams(term.lab.params);
      if (!request) continue; // e.g. an optimizer this build does not simulate: the lab's defaults
      assert.ok(isRequestFor(term.lab.kind, request), `${term.id}: a request for the ${term.lab.kind} lab`);
      const runnable = term.lab.kind === 'optimizer' ? { ...request, start: [-1.5, 2], steps: 20 } : { ...request, points: [[0.1, 0.2]] };
      assert.doesNotThrow(() => simulate(runnable), `${term.id} runs`);
      opened++;
    }
    assert.ok(opened >= 15, `${opened} terms open a configured lab`);
  });

  it('maps schedules and averaging to the compute module’s names', () => {
    const cosine = optimizerRequestFromParams({ optimizer: 'sgd', lr: 0.1, schedule: 'cosine', T_max: 100 })!;
    assert.deepEqual(cosine.schedule, { name: 'CosineAnnealingLR', T_max: 100 });
    assert.deepEqual(cosine.optimizers![0].hyperparameters, { lr: 0.1 });
    assert.deepEqual(optimizerRequestFromParams({ optimizer: 'sgd', lr: 0.05, averaging: true })!.averaging, { polyak: true });
    assert.deepEqual(optimizerRequestFromParams({ optimizer: 'sgd', lr: 0.05, ema: 0.9 })!.averaging, { ema: 0.9 });
    assert.equal(
      optimizerRequestFromParams({ optimizer: 'sgd', lr: 0.05, ema: 0.9 })!.optimizers?.[0]?.hyperparameters?.ema,
      undefined,
      'ema is not an optimizer argument',
    );
    assert.equal(optimizerRequestFromParams({ optimizer: 'lion' }), undefined);
    assert.equal(flowRequestFromParams({ flow: 'planar' })!.layers[0].type, 'planar');
  });
});
