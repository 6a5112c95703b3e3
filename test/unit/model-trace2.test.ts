/**
 * Whole-model traces against PyTorch, second corpus batch: every case of
 * test/fixtures/models2.json (written by gen_models2.py: nanoGPT/minGPT, timm-style ViT, ConvNeXt,
 * EfficientNet, a multi-file package, Inception-v3, FPN/HRNet, a padding U-Net, Conformer,
 * seq2seq, conditional GANs, einops) selected the way a user would and compared call by call as in
 * model-trace.test.ts (module path, type, input and output shape, parameters; the totals, trainable
 * included). Imports are resolved like the CLI does: relative to the importing file, `from . import
 * x` through the package's __init__.py.
 *
 * A case with `inputs` (forward takes several tensors) is traced with the first one as the input
 * shape: the evaluator passes one tensor to forward. A case with `expectPartial` calls code ML Lens
 * does not read (einops, pack_padded_sequence): the answer must be partial, a warning must name
 * one of `partialLines`, and the `readablePrefix` layer calls before it must match.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { analyzeModel } from '../../compute/program/trace';
import type { ModelRecognition } from '../../compute/program/model-types';

interface FixtureLayer {
  path: string;
  type: string;
  inShape: number[] | null;
  outShape: number[] | null;
  params: number;
}
interface FixtureCase {
  id: string;
  file: string;
  select: string;
  input: number[];
  inputs?: { shape: number[]; dtype: string; fill?: number }[];
  expectPartial?: boolean;
  partialLines?: number[];
  readablePrefix?: number;
  layers: FixtureLayer[];
  totals: { params: number; trainableParams: number };
}

const root = join(__dirname, '..', '..');
const corpus = join(root, 'test/model-corpus');
const cases = JSON.parse(readFileSync(join(root, 'test/fixtures/models2.json'), 'utf8')) as FixtureCase[];

/** The CLI's workspace loader, with paths relative to the corpus (so a file has one name). */
function loader(dotted: string, fromPath: string, level: number): { path: string; text: string } | undefined {
  if (level < 1) return undefined;
  let dir = posix.dirname(fromPath);
  for (let i = 1; i < level; i++) dir = posix.dirname(dir);
  const base = posix.join(dir, ...dotted.split('.').filter(Boolean));
  for (const candidate of [`${base}.py`, posix.join(base, '__init__.py')]) {
    const full = join(corpus, candidate);
    if (existsSync(full)) return { path: posix.normalize(candidate), text: readFileSync(full, 'utf8') };
  }
  return undefined;
}

function trace(c: FixtureCase): ModelRecognition {
  const text = readFileSync(join(corpus, c.file), 'utf8');
  const at = text.indexOf(c.select);
  assert.ok(at >= 0, `select text not found in ${c.file}`);
  const r = analyzeModel(text, { from: at + 1, to: at + 1, path: c.file, inputShape: c.input, loader });
  assert.ok(r, 'the selection is recognized as a model');
  return r;
}

const rows = (layers: { path: string | null; type: string; inShape: unknown; outShape: unknown; params: unknown }[]) =>
  layers.map((l) => ({ path: l.path, type: l.type, inShape: l.inShape, outShape: l.outShape, params: l.params }));

function compareLayers(r: ModelRecognition, want: FixtureLayer[], upTo = want.length): void {
  const got = rows(r.layers.filter((l) => l.path !== null));
  const w = rows(want).slice(0, upTo);
  const firstDiff = w.findIndex((x, i) => JSON.stringify(x) !== JSON.stringify(got[i]));
  assert.deepEqual(
    got[firstDiff] ?? (upTo === want.length ? got.slice(w.length) : []),
    firstDiff >= 0 ? w[firstDiff] : [],
    `call ${firstDiff} differs (of ${w.length}); warnings: ${r.warnings.slice(0, 5).join(' | ')}`,
  );
}

/**
 * Cases that fail today, by id, with the cause (reported; remove the entry when fixed). The
 * file:line is the construct's in test/model-corpus/.
 */
const FAILING: Record<string, string> = {
  // FAILS: x[:, [-1], :] (nanogpt.py:172), a list index, is refused with "only integers, slices … (got object)" and no line; lm_head is not traced
  'nanogpt.py#GPT-small': 'list index x[:, [-1], :] (nanogpt.py:172) refused, no line in the error',
  'nanogpt.py#GPT-nobias': 'list index x[:, [-1], :] (nanogpt.py:172) refused, no line in the error',
  'nanogpt.py#GPT-defaults': 'list index x[:, [-1], :] (nanogpt.py:172) refused, no line in the error',
  // FAILS: self.__dict__.update(d) (mingpt.py:20) is not read, n_embd stays None, nn.Embedding throws a ComputeError with no line out of analyzeModel
  'mingpt.py#make_gpt_nano': 'self.__dict__.update(d) (mingpt.py:20) not read; ComputeError "embedding_dim must be a number, not None." escapes',
  // FAILS: dpr = [x.item() for x in torch.linspace(...)] (timm_vit.py:269): .item() is not read, so `drop_path > 0.` (195, 205) is undecided and drop_path1/2 are never set
  'timm_vit.py#vit_small': 'x.item() not read (timm_vit.py:269): drop_path1/drop_path2 never set (195, 205)',
  'timm_vit.py#vit_tiny-64': 'x.item() not read (timm_vit.py:269): drop_path1/drop_path2 never set (195, 205)',
  'timm_vit.py#vit_small_reg': 'x.item() not read (timm_vit.py:269): drop_path1/drop_path2 never set (195, 205)',
  // FAILS: x.item() (convnext.py:103) not read, so `drop_path > 0.` (63) is undecided and Block.drop_path never set; Linear.bias is the bias= argument (convnext.py:118, "true has no attribute data")
  'convnext.py#convnext_tiny': 'x.item() not read (convnext.py:103): Block.drop_path never set (63)',
  'convnext.py#ConvNeXt-small': 'x.item() not read (convnext.py:103): Block.drop_path never set (63)',
  'convnext.py#convnext_atto-37': 'x.item() not read (convnext.py:103): Block.drop_path never set (63)',
  // FAILS: as above, and `for p in ….parameters(): p.requires_grad = False` (convnext.py:152) is not read: trainable 233173, torch 232357
  'convnext.py#FrozenStemConvNeXt': 'x.item() not read (convnext.py:103); parameters() loop freezing the stem (convnext.py:152) not read',
  // FAILS: re.split (efficientnet.py:179) not read, the `if` (180) is skipped, options stays empty and options['r'] (188) raises a KeyError ComputeError out of analyzeModel; past it collections.namedtuple (17, 22) is not read
  'efficientnet.py#efficientnet_b0': "re.split not read (efficientnet.py:179) -> KeyError ComputeError at 188 escapes; collections.namedtuple not read (17, 22)",
  // FAILS: the classmethod factory call EfficientNet.from_name(...) is not recognized as a model (findTarget looks up only `from_name`)
  'efficientnet.py#b2-from_name': 'Cls.from_name(...) (a classmethod/staticmethod factory) not recognized',
  // FAILS: not recognized: `ba, gp = efficientnet(...)` before it fails (re.split KeyError); past that collections.namedtuple is not read
  'efficientnet.py#MBConvBlock-same-s1': 'not recognized (re.split KeyError in the __main__ lines before); collections.namedtuple not read',
  'efficientnet.py#MBConvBlock-same-s2': 'not recognized (re.split KeyError in the __main__ lines before); collections.namedtuple not read',
  // FAILS: fuse_layer.append(None) (hrnet_fpn.py:102): None in nn.ModuleList is dropped, later indices shift, a false shape error at hrnet_fpn.py:136
  'hrnet_fpn.py#HRHead': 'None in nn.ModuleList dropped (hrnet_fpn.py:102): indices shift, false shape error at line 136',
  // FAILS: forward(src, trg): only the first input is passed, trg is an unknown; torch.device('cpu') (seq2seq.py:79) not read
  'seq2seq.py#Seq2Seq': 'second input (trg) not passed; torch.device not read (seq2seq.py:79)',
  // FAILS: forward(noise, labels): labels is an unknown; module-level argparse opt (cgan.py:24) not read, so no layer is built and totals.params is 0, not null
  'cgan.py#Generator': 'second input (labels) not passed; module-level argparse (cgan.py:24) not read; totals.params 0',
  // FAILS: int(np.prod(img_shape)) over argparse values (cgan.py:67) throws the internal Error "unavailable" out of analyzeModel
  'cgan.py#Discriminator': 'np.prod of unknown values (cgan.py:67) throws internal Error "unavailable"',
  'cgan.py#ConvCondGenerator': 'second input (labels) not passed',
  // FAILS: nn.utils.spectral_norm(...) (cgan.py:116, 123) not read; no layer built, totals.params 0 rather than null
  'cgan.py#SNCritic': 'spectral_norm not read (cgan.py:116); totals.params 0, not null',
  // FAILS: SILENTLY WRONG: `conv.bias is not None` (surgery.py:37) is True for a bias=False conv (layer.bias returns the bias= argument): +16/+32/+32 params, no warning
  'surgery.py#SlimNet': 'SILENT: conv.bias is not None is True for bias=False (surgery.py:37); 10346 params, torch 10266',
  // FAILS: SILENTLY WRONG: `base.bias is not None` (surgery.py:91) as above (+64), and requires_grad_(False) (surgery.py:72) ignored: trainable 52032, torch 18944
  'surgery.py#AdapterMLP': 'SILENT: base.bias is not None (surgery.py:91); requires_grad_(False) ignored (surgery.py:72)',
  // FAILS: no warning names the einops.rearrange call (einops_vit.py:150); they name line 151, where its output is used
  'einops_vit.py#ConvMixerHead': 'no warning names the einops.rearrange line (einops_vit.py:150), only line 151',
};

describe('whole-model traces match PyTorch, second corpus (models2.json)', () => {
  for (const c of cases) {
    const title = `${c.id}: ${c.select.slice(0, 60)}`;
    // RUN_FAILING=1 runs the skipped cases too (to see which a change fixed).
    const cause = process.env.RUN_FAILING ? undefined : FAILING[c.id];
    if (cause) {
      // FAILS: see FAILING[c.id]
      it.skip(`${title} — FAILS: ${cause}`, () => undefined);
      continue;
    }
    if (c.expectPartial) {
      it(`${title} (expected partial)`, () => {
        const r = trace(c);
        assert.equal(r.partial, true, 'the answer is marked partial');
        const lines = c.partialLines ?? [];
        assert.ok(
          r.warnings.some((w) => lines.some((n) => w.startsWith(`line ${n}:`))),
          `a warning names line ${lines.join(' or ')}; warnings: ${r.warnings.slice(0, 5).join(' | ')}`,
        );
        compareLayers(r, c.layers, c.readablePrefix ?? 0);
      });
      continue;
    }
    it(title, () => {
      const r = trace(c);
      compareLayers(r, c.layers);
      assert.equal(r.totals.params, c.totals.params, 'total parameters');
      assert.equal(r.totals.trainableParams, c.totals.trainableParams, 'trainable parameters');
      assert.deepEqual(r.unknowns, [], 'no unknowns');
    });
  }
});
