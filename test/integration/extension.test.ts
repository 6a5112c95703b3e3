/** Checks through the real vscode API: activation, hovers, snippets, and the lab command. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { IDENTITIES, identityTex, snippetBody } from '../../compute';

const EXTENSION_ID = 'ml-lens.ml-lens';
/** The quadratic-form identity as the catalog writes it (numerator layout, tab stops filled). */
const QUADRATIC_FORM = IDENTITIES.find((i) => i.id === 'quadratic-form')!;
const QUADRATIC_FORM_TEX = identityTex(QUADRATIC_FORM, 'numerator');

function examplesUri(file: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace (examples/) is open');
  return vscode.Uri.joinPath(folder.uri, file);
}

async function openExample(file: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(examplesUri(file));
  return vscode.window.showTextDocument(document);
}

/** Position of the first occurrence of `needle` (plus `offset` characters) in a document. */
function positionOf(document: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" occurs in ${document.uri.path}`);
  return document.positionAt(at + offset);
}

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers
    .flatMap((hover) => hover.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/** Poll until `probe` returns a value (UI state such as tabs updates asynchronously). */
async function eventually<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

suite('ML Lens in VS Code', () => {
  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await extension.activate();
  });

  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('activates and registers its commands', async () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['mlLens.simulateSelection', 'mlLens.openLab', 'mlLens.lookUpTerm', 'mlLens.insertIdentity']) {
      assert.ok(commands.includes(id), `${id} is registered`);
    }
  });

  test('hovers torch.optim.Adam in Python with the update rule as an SVG image', async () => {
    const { document } = await openExample('training.py');
    const text = await hoverText(document, positionOf(document, 'torch.optim.Adam', 'torch.optim.'.length + 1));
    assert.match(text, /\*\*Adam \(adaptive moment estimation\)\*\*/);
    assert.match(text, /!\[[^\]]*\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/);
    assert.doesNotMatch(text, /```|\$\$/, 'formulas are images, not TeX blocks (TeX stays only as alt text)');
  });

  test('hovers lr=3e-4 in the Adam call: its meaning for torch.optim.Adam, the PyTorch default and the value here', async () => {
    const { document } = await openExample('training.py');
    const text = await hoverText(document, positionOf(document, 'lr=3e-4', 1));
    assert.match(text, /\*\*`lr`\*\* of `torch\.optim\.Adam` \(PyTorch\)/);
    assert.match(text, /\*\*In this call:\*\* `3e-4` = `0\.0003`/);
    assert.match(text, /\*\*PyTorch default:\*\* `0\.001`/);
    assert.match(text, /!\[[^\]]*\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/, 'the update rule where η enters, as an image');
    assert.match(text, /command:mlLens\.lookUpTerm/);
  });

  test('hovers a parameter documented in a docstring with the meaning of the call it is passed to', async () => {
    const content = [
      'import torch.nn as nn',
      '',
      'class Block(nn.Module):',
      '    """Args:',
      '        momentum (float): batch-norm momentum.',
      '    """',
      '',
      '    def __init__(self, channels, momentum=0.1):',
      '        super().__init__()',
      '        self.bn = nn.BatchNorm2d(channels, momentum=momentum)',
      '',
    ].join('\n');
    const document = await vscode.workspace.openTextDocument({ language: 'python', content });
    await vscode.window.showTextDocument(document);
    const text = await hoverText(document, new vscode.Position(4, 10));
    assert.match(text, /\*\*`momentum`\*\* of `torch\.nn\.BatchNorm2d` \(PyTorch\)/);
    assert.match(text, /\*\*Passed to:\*\* `nn\.BatchNorm2d\(momentum=momentum\)` \(line 10\)/);
    assert.match(text, /\*\*PyTorch default:\*\* `0\.1`/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('hovers a docstring word in Python as prose', async () => {
    const { document } = await openExample('training.py');
    assert.match(await hoverText(document, positionOf(document, 'mini-batches', 2)), /lookUpTerm\?%5B%22batch-size%22%5D/);
  });

  test('hovers "Adam" in Markdown prose but not inside "adamant" or adam_count', async () => {
    const { document } = await openExample('notes.md');
    assert.match(await hoverText(document, positionOf(document, 'Adam keeps', 1)), /data:image\/svg\+xml/);
    assert.equal(await hoverText(document, positionOf(document, 'adamant', 2)), '');
    const python = (await openExample('training.py')).document;
    assert.equal(await hoverText(python, positionOf(python, 'adam_count =', 2)), '');
  });

  test('hovers terms in a LaTeX file with SVG formulas', async () => {
    const { document } = await openExample('derivatives.tex');
    assert.equal(document.languageId, 'latex');
    const text = await hoverText(document, positionOf(document, 'Adam rescales', 1));
    assert.match(text, /\*\*Adam \(adaptive moment estimation\)\*\*/);
    assert.match(text, /\(data:image\/svg\+xml;base64,/);
    const layout = await hoverText(document, positionOf(document, 'numerator layout', 3));
    assert.match(layout, /numerator/i, 'the layout convention has an entry too');
  });

  test('hovers terms in TypeScript comments, per mlLens.hover.languages', async () => {
    const ts = await vscode.workspace.openTextDocument({ language: 'typescript', content: '// train with Adam and a cosine schedule\nconst adamCount = 0;\n' });
    assert.match(await hoverText(ts, new vscode.Position(0, 15)), /Adam \(adaptive moment estimation\)/);
    // TypeScript's own hover appears on the variable; ours must not.
    assert.doesNotMatch(await hoverText(ts, new vscode.Position(1, 8)), /adaptive moment estimation/);
    const config = vscode.workspace.getConfiguration('mlLens');
    await config.update('hover.languages', ['python'], vscode.ConfigurationTarget.Global);
    try {
      assert.doesNotMatch(await hoverText(ts, new vscode.Position(0, 15)), /adaptive moment estimation/, 'the setting turns TypeScript hovers off');
    } finally {
      await config.update('hover.languages', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('a conv term hover links to the lab, and the link opens it with its parameters', async () => {
    const md = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'We use a depthwise separable convolution here.' });
    const text = await hoverText(md, new vscode.Position(0, 12));
    const link = /\[Open in lab\]\(command:mlLens\.openLab\?([^ )]+)/.exec(text);
    assert.ok(link, `an Open in lab link: ${text.slice(0, 200)}`);
    const [kind, params] = JSON.parse(decodeURIComponent(link[1])) as [string, unknown];
    assert.equal(kind, 'conv');
    assert.equal(await vscode.commands.executeCommand('mlLens.openLab', kind, params), 'conv');
  });

  for (const language of ['latex', 'markdown'] as const) {
    test(`the quadratic-form snippet expands in ${language}`, async () => {
      // Untitled documents: tests never write into examples/.
      const document = await vscode.workspace.openTextDocument({ language, content: '' });
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: language, name: 'Gradient of a quadratic form xᵀAx' });
      const text = document.getText();
      assert.ok(text.includes(QUADRATIC_FORM_TEX), text);
      if (language === 'markdown') assert.ok(text.startsWith('$$\n') && text.endsWith('\n$$'), text);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }

  test('the quadratic-form snippet expands in Python and is offered by completion', async () => {
    // Insert it by name first, in a scratch document: that loads the Python snippets, which a cold
    // host otherwise loads while completion is asked (two fresh-clone CI runs missed it for 15
    // and then 30 s; inserting by name has never failed).
    const scratch = await vscode.workspace.openTextDocument({ language: 'python', content: '' });
    await vscode.window.showTextDocument(scratch);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'python', name: 'Gradient of a quadratic form xᵀAx' });
    assert.match(scratch.getText(), /grad_x = \(A \+ A\.T\) @ x/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: 'import numpy as np\nderiv-quad' });
    const editor = await vscode.window.showTextDocument(document);
    const end = new vscode.Position(1, 'deriv-quad'.length);
    // Snippet contributions load lazily on a cold host: ask again until they are there (≤ 30 s; a
    // fresh-clone CI run on the loaded machine once needed more than 15 s).
    let labels: string[] = [];
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
      const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, end);
      labels = completions.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
      if (labels.includes('deriv-quadratic-form')) break;
    }
    assert.ok(labels.includes('deriv-quadratic-form'), `completion offers the snippet (got ${labels.slice(0, 20).join(', ')})`);
    editor.selection = new vscode.Selection(1, 0, 1, end.character);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'python', name: 'Gradient of a quadratic form xᵀAx' });
    assert.match(editor.document.getText(), /grad_x = \(A \+ A\.T\) @ x/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('completion offers identities with a rendered preview, honouring the layout setting', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'latex', content: 'deriv-quad' });
    await vscode.window.showTextDocument(document);
    const end = new vscode.Position(0, 'deriv-quad'.length);
    // On a loaded machine the first request can come before the provider answers (the extension
    // host is still busy activating, or finishing an earlier test's analysis): ask again for up to
    // 30 s (a fresh-clone CI run once needed more than 10 s).
    const find = async () => {
      for (let tries = 0; ; tries++) {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, end);
        const item = list.items.find(
          (i) => typeof i.label !== 'string' && i.label.label === 'deriv-quadratic-form' && i.detail?.startsWith('ML Lens identity'),
        );
        if (item || tries >= 60) return item;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    };
    const item = await find();
    assert.ok(item, 'the ML Lens completion item is offered');
    const doc = item.documentation as vscode.MarkdownString;
    assert.match(doc.value, /^!\[.*\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)$/m);
    assert.match(doc.value, /numerator layout/);
    assert.equal((item.insertText as vscode.SnippetString).value, snippetBody(QUADRATIC_FORM, 'latex', 'numerator'));
    const config = vscode.workspace.getConfiguration('mlLens');
    await config.update('identities.layout', 'denominator', vscode.ConfigurationTarget.Global);
    try {
      const denominator = await find();
      assert.match((denominator?.documentation as vscode.MarkdownString).value, /denominator layout/);
      assert.equal((denominator?.insertText as vscode.SnippetString).value, snippetBody(QUADRATIC_FORM, 'latex', 'denominator'));
      assert.notEqual(snippetBody(QUADRATIC_FORM, 'latex', 'denominator'), snippetBody(QUADRATIC_FORM, 'latex', 'numerator'));
    } finally {
      await config.update('identities.layout', undefined, vscode.ConfigurationTarget.Global);
    }
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Insert Derivative Identity inserts the identity for the document language', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: '' });
    const editor = await vscode.window.showTextDocument(document);
    assert.equal(await vscode.commands.executeCommand('mlLens.insertIdentity', 'quadratic-form'), 'quadratic-form');
    assert.match(editor.document.getText(), /grad_x = \(A \+ A\.T\) @ x/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Simulate Selection on nn.Conv2d opens the lab with a 1×64×112×112 output', async () => {
    const editor = await openExample('resnet_stem.py');
    const call = 'nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)';
    const start = positionOf(editor.document, call);
    editor.selection = new vscode.Selection(start, start.translate(0, call.length));
    const shown = await vscode.commands.executeCommand<{ lab: string; request: { layers: { outShape: number[]; params: number }[] } }>(
      'mlLens.simulateSelection',
    );
    assert.equal(shown?.lab, 'conv');
    assert.deepEqual(shown.request.layers[0].outShape, [1, 64, 112, 112]);
    assert.equal(shown.request.layers[0].params, 64 * 3 * 7 * 7);
    const tabs = await eventually(() => {
      const all = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
      return all.some((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('mlLens.lab')) ? all : undefined;
    });
    assert.ok(
      tabs,
      `a lab panel is open (tabs: ${vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .map((t) => `${t.label}:${(t.input as { viewType?: string })?.viewType}`)
        .join(', ')})`,
    );
  });

  test('a Simulate CodeLens sits above each layer and opens it in the lab', async () => {
    const { document } = await openExample('resnet_stem.py');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    const ours = lenses.filter((lens) => lens.command?.command === 'mlLens.simulateSelection');
    assert.equal(ours.length, 6, `lenses: ${ours.map((l) => l.range.start.line + 1).join(', ')}`);
    const stem = ours.find((lens) => document.lineAt(lens.range.start.line).text.includes('kernel_size=7'))!;
    const shown = await vscode.commands.executeCommand<{ lab: string; request: { layers: { outShape: number[] }[] } }>(
      stem.command!.command,
      ...stem.command!.arguments!,
    );
    assert.equal(shown?.lab, 'conv');
    assert.deepEqual(shown.request.layers[0].outShape, [1, 64, 112, 112]);
  });

  test('Simulate Selection on torch.optim.Adam opens the optimizer lab with its hyperparameters', async () => {
    const editor = await openExample('training.py');
    const call = 'torch.optim.Adam(model.parameters(), lr=3e-4, betas=(0.9, 0.99))';
    const start = positionOf(editor.document, call);
    editor.selection = new vscode.Selection(start, start.translate(0, call.length));
    const shown = await vscode.commands.executeCommand<{
      lab: string;
      request: { kind: string; optimizer: { name: string; hyperparameters: Record<string, unknown>; defaultsUsed: string[] } };
    }>('mlLens.simulateSelection');
    assert.equal(shown?.lab, 'optimizer');
    assert.equal(shown.request.optimizer.name, 'adam');
    assert.equal(shown.request.optimizer.hyperparameters.lr, 3e-4);
    assert.deepEqual(shown.request.optimizer.hyperparameters.betas, [0.9, 0.99]);
    assert.ok(shown.request.optimizer.defaultsUsed.includes('eps'));
  });

  test('mlLens.optimizer.objective and .steps are read live by Simulate Selection', async () => {
    const config = vscode.workspace.getConfiguration('mlLens');
    await config.update('optimizer.objective', 'himmelblau', vscode.ConfigurationTarget.Global);
    await config.update('optimizer.steps', 64, vscode.ConfigurationTarget.Global);
    try {
      const editor = await openExample('training.py');
      const start = positionOf(editor.document, 'torch.optim.Adam');
      editor.selection = new vscode.Selection(start, start);
      const shown = await vscode.commands.executeCommand<{ lab: string; request: { objective: unknown; steps: number } }>('mlLens.simulateSelection');
      assert.equal(shown?.lab, 'optimizer');
      assert.deepEqual(shown.request.objective, { name: 'himmelblau' });
      assert.equal(shown.request.steps, 64);
    } finally {
      await config.update('optimizer.objective', undefined, vscode.ConfigurationTarget.Global);
      await config.update('optimizer.steps', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('mlLens.hover.mathScale is read live: at 2 the hover formulas are drawn twice as large', async () => {
    const { document } = await openExample('training.py');
    const position = positionOf(document, 'torch.optim.Adam', 'torch.optim.'.length + 1);
    const firstWidth = async () => {
      const uri = /data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(await hoverText(document, position));
      assert.ok(uri, 'the hover has a formula image');
      return Number(/width="([\d.]+)px"/.exec(Buffer.from(uri[1], 'base64').toString())![1]);
    };
    const config = vscode.workspace.getConfiguration('mlLens');
    const normal = await firstWidth();
    await config.update('hover.mathScale', 2, vscode.ConfigurationTarget.Global);
    try {
      const scaled = await firstWidth();
      assert.ok(Math.abs(scaled / normal - 2) < 0.01, `width ${normal} → ${scaled}`);
    } finally {
      await config.update('hover.mathScale', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('a hover on a recognizable call links to simulating exactly that call', async () => {
    const { document } = await openExample('training.py');
    const text = await hoverText(document, positionOf(document, 'torch.optim.Adam', 'torch.optim.'.length + 1));
    const link = /\[\$\(play\) Simulate this optimizer\]\(command:mlLens\.simulateSelection\?([^ )]+)/.exec(text);
    assert.ok(link, 'the hover has a Simulate link');
    const args = JSON.parse(decodeURIComponent(link[1])) as unknown[];
    const shown = await vscode.commands.executeCommand<{ lab: string; request: { optimizer: { hyperparameters: { lr: number } } } }>(
      'mlLens.simulateSelection',
      ...args,
    );
    assert.equal(shown?.lab, 'optimizer');
    assert.equal(shown.request.optimizer.hyperparameters.lr, 3e-4);
  });

  test('Apply to code writes the lab’s hyperparameters into the optimizer call, and undo restores it', async () => {
    const original = 'import torch\nopt = torch.optim.Adam(model.parameters(), lr=3e-4, betas=(0.9, 0.99))\n';
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: original });
    const editor = await vscode.window.showTextDocument(document);
    const start = positionOf(document, 'torch.optim.Adam');
    const end = document.lineAt(1).range.end;
    editor.selection = new vscode.Selection(start, end);
    const shown = await vscode.commands.executeCommand<{
      request: { optimizer: { name: string; framework: string; hyperparameters: Record<string, unknown> } };
    }>('mlLens.simulateSelection');
    const spec = shown!.request.optimizer;
    const edited = { ...shown!.request, optimizer: { ...spec, hyperparameters: { ...spec.hyperparameters, lr: 0.001, weight_decay: 0.01 } } };
    const source = { uri: document.uri.toString(), range: [start.line, start.character, end.line, end.character] };
    assert.equal(await vscode.commands.executeCommand('mlLens.applyToCode', edited, source), true);
    assert.equal(document.lineAt(1).text, 'opt = torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.99), weight_decay=0.01)');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original, 'one undo restores the call');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Apply to code from the conv lab rewrites the layers of a Sequential (names resolved in the file), and undo restores it', async () => {
    const original =
      'import torch.nn as nn\nC = 64\nnet = nn.Sequential(\n    nn.Conv2d(3, C, 7, stride=2, padding=3),  # stem\n    nn.ReLU(),\n    nn.MaxPool2d(3, 2, 1),\n)\n';
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: original });
    const editor = await vscode.window.showTextDocument(document);
    const start = positionOf(document, 'nn.Sequential');
    const end = document.lineAt(6).range.end;
    editor.selection = new vscode.Selection(start, end);
    const shown = await vscode.commands.executeCommand<{ lab: string; request: { layers: Record<string, unknown>[] } }>('mlLens.simulateSelection');
    assert.equal(shown?.lab, 'conv');
    // What the lab's layer editor sends: stride 1 and padding 'same' on the first layer.
    const layers = shown!.request.layers.map((l, i) =>
      i === 0 ? { op: l.op, in_channels: 3, out_channels: 64, kernel_size: 7, stride: 1, padding: 'same' } : l,
    );
    const source = { uri: document.uri.toString(), range: [start.line, start.character, end.line, end.character] };
    assert.equal(await vscode.commands.executeCommand('mlLens.applyToCode', 'conv', { ...shown!.request, layers }, source), true);
    assert.equal(document.lineAt(3).text, "    nn.Conv2d(3, C, 7, padding='same'),  # stem");
    assert.equal(document.lineAt(5).text, '    nn.MaxPool2d(3, 2, 1),', 'unchanged layers stay as written');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original, 'one undo restores the code');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Apply to code from the flow lab rewrites a coupling layer’s s and t', async () => {
    const original = 'layer = AffineCoupling(mask=[1, 0], s="tanh(x0)", t=lambda x0: 0.5 * x0)\n';
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: original });
    const editor = await vscode.window.showTextDocument(document);
    const start = positionOf(document, 'AffineCoupling');
    const end = document.lineAt(0).range.end;
    editor.selection = new vscode.Selection(start, end);
    const shown = await vscode.commands.executeCommand<{ lab: string; request: { layers: Record<string, unknown>[] } }>('mlLens.simulateSelection');
    assert.equal(shown?.lab, 'flow');
    const layers = [{ ...shown!.request.layers[0], s: '0.5 * tanh(x0)', t: 'x0 ** 2' }];
    const source = { uri: document.uri.toString(), range: [start.line, start.character, end.line, end.character] };
    assert.equal(await vscode.commands.executeCommand('mlLens.applyToCode', 'flow', { ...shown!.request, layers }, source), true);
    assert.equal(document.lineAt(0).text, 'layer = AffineCoupling(mask=[1, 0], s="0.5 * tanh(x0)", t=lambda x0: x0 ** 2)');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Simulate Selection on code without a layer explains what it expects and opens nothing', async () => {
    const editor = await openExample('training.py');
    const start = positionOf(editor.document, 'for epoch');
    editor.selection = new vscode.Selection(start, start.translate(0, 9));
    const shown = await vscode.commands.executeCommand('mlLens.simulateSelection');
    assert.equal(shown, undefined);
  });

  test('runs in Restricted Mode: the examples folder is untrusted and every feature above worked in it', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
  });

  test('a virtual document (no file on disk) gets hovers, CodeLenses and Simulate Selection', async () => {
    const files = new MemoryFiles();
    const registration = vscode.workspace.registerFileSystemProvider(MemoryFiles.scheme, files, { isCaseSensitive: true });
    try {
      const uri = vscode.Uri.from({ scheme: MemoryFiles.scheme, path: '/remote/model.py' });
      const code = 'import torch.nn as nn\n\nstem = nn.Conv2d(3, 32, kernel_size=3, stride=2, padding=1)\nopt = torch.optim.Adam(stem.parameters(), lr=1e-3)\n';
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(code));
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      assert.equal(editor.document.languageId, 'python');
      assert.match(await hoverText(editor.document, positionOf(editor.document, 'Adam', 1)), /Adam/);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      assert.equal(lenses.filter((lens) => lens.command?.command === 'mlLens.simulateSelection').length, 2);
      const at = positionOf(editor.document, 'kernel_size');
      editor.selection = new vscode.Selection(at, at);
      const shown = await vscode.commands.executeCommand<{ lab: string; request: { layers: { outShape: number[] }[] } }>('mlLens.simulateSelection');
      assert.equal(shown?.lab, 'conv');
      assert.deepEqual(shown.request.layers[0].outShape.slice(1), [32, 112, 112]);
    } finally {
      registration.dispose();
    }
  });
});

/** A minimal in-memory file system: what a virtual workspace (e.g. a GitHub repository in vscode.dev) looks like to an extension. */
class MemoryFiles implements vscode.FileSystemProvider {
  static readonly scheme = 'mllens-memory';
  private readonly files = new Map<string, { data: Uint8Array; mtime: number }>();
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const file = this.files.get(uri.path);
    if (file) return { type: vscode.FileType.File, ctime: file.mtime, mtime: file.mtime, size: file.data.length };
    if ([...this.files.keys()].some((p) => p.startsWith(`${uri.path.replace(/\/$/, '')}/`)))
      return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }
  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(): void {}
  readFile(uri: vscode.Uri): Uint8Array {
    const file = this.files.get(uri.path);
    if (!file) throw vscode.FileSystemError.FileNotFound(uri);
    return file.data;
  }
  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    this.files.set(uri.path, { data: content, mtime: Date.now() });
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }
  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions('rename');
  }
}
import './load.test';
import './model.test';
import './shapes.test';
