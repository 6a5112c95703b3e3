/**
 * Whole models inside a real VS Code: the Analyze model CodeLens on examples/resnet.py, the
 * answer the lab receives (module tree, totals, no warnings), the palette command on a cursor
 * inside a class, the setting that hides the lens, and values for unknowns remembered per file.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';

interface ModelAnswer {
  kind: string;
  tree: { type: string; children: { name: string }[] };
  layers: { path: string | null; op: string }[];
  totals: { params: number | null; trainableParams: number | null; macs: number | null };
  unknowns: { name: string }[];
  warnings: string[];
  partial: boolean;
  boundBy?: { call: string };
  inputShape: (number | string)[];
}
type Shown = { lab: string; request: ModelAnswer } | undefined;

function examplesUri(file: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace (examples/) is open');
  return vscode.Uri.joinPath(folder.uri, file);
}

async function analyzeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
  return lenses.filter((lens) => lens.command?.command === 'mlLens.analyzeModel');
}

const labOpen = () =>
  vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('mlLens.lab'));

/** Poll until `probe` holds (tabs update asynchronously). */
async function eventually(probe: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; !probe(); await new Promise((r) => setTimeout(r, 100))) if (Date.now() > deadline) return false;
  return true;
}

suite('ML Lens whole models in VS Code', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension('ml-lens.ml-lens')?.activate();
  });

  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('an Analyze model CodeLens sits above each model class and factory of examples/resnet.py', async () => {
    const document = await vscode.workspace.openTextDocument(examplesUri('resnet.py'));
    await vscode.window.showTextDocument(document);
    const lenses = await analyzeLenses(document);
    const lines = lenses.map((lens) => document.lineAt(lens.range.start.line).text.replace(/\(.*$/, ''));
    assert.deepEqual(lines, ['class BasicBlock', 'class Bottleneck', 'class ResNet', 'def resnet18', 'def resnet50']);
  });

  test('a model built at module level with arguments gets its own Analyze model lens, which traces it as built', async () => {
    const content = [
      'import torch',
      'import torch.nn as nn',
      '',
      'class Net(nn.Module):',
      '    def __init__(self, num_classes):',
      '        super().__init__()',
      '        self.conv = nn.Conv2d(1, 8, 3)',
      '        self.fc = nn.Linear(8 * 26 * 26, num_classes)',
      '',
      '    def forward(self, x):',
      '        return self.fc(torch.flatten(self.conv(x), 1))',
      '',
      'model = Net(num_classes=10).to("cpu")',
      'out = model(torch.randn(4, 1, 28, 28))',
      '',
    ].join('\n');
    const document = await vscode.workspace.openTextDocument({ language: 'python', content });
    await vscode.window.showTextDocument(document);
    const lens = (await analyzeLenses(document)).find((l) => document.lineAt(l.range.start.line).text.startsWith('model = Net('));
    assert.ok(lens?.command?.arguments, 'a lens above model = Net(num_classes=10)');
    const shown = await vscode.commands.executeCommand<Shown>(lens.command.command, ...lens.command.arguments);
    assert.equal(shown?.lab, 'conv');
    // conv 1·8·9 + 8 = 80; fc 5408·10 + 10 = 54,090; the input is the tensor the file passes it.
    assert.equal(shown.request.totals.params, 80 + 54090);
    assert.deepEqual(shown.request.inputShape, [4, 1, 28, 28]);
    assert.equal(shown.request.partial, false);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Analyze model on resnet50 gives the lab the whole ResNet-50: module tree, totals, every layer call, no warnings', async () => {
    const document = await vscode.workspace.openTextDocument(examplesUri('resnet.py'));
    await vscode.window.showTextDocument(document);
    const lens = (await analyzeLenses(document)).find((l) => document.lineAt(l.range.start.line).text.startsWith('def resnet50'));
    assert.ok(lens?.command?.arguments, 'the resnet50 lens');
    const shown = await vscode.commands.executeCommand<Shown>(lens.command.command, ...lens.command.arguments);
    assert.equal(shown?.lab, 'conv');
    const model = shown.request;
    assert.equal(model.kind, 'conv');
    assert.equal(model.tree.type, 'ResNet');
    assert.equal(model.boundBy?.call, 'resnet50()');
    assert.deepEqual(
      model.tree.children.map((c) => c.name),
      ['conv1', 'bn1', 'relu', 'maxpool', 'layer1', 'layer2', 'layer3', 'layer4', 'avgpool', 'fc'],
    );
    // torchvision's resnet50(): 25,557,032 parameters, about 4.1 G multiply-accumulates at 224×224.
    assert.equal(model.totals.params, 25_557_032);
    assert.equal(model.totals.trainableParams, 25_557_032);
    assert.ok(model.totals.macs !== null && Math.abs(model.totals.macs / 4.09e9 - 1) < 0.01, `MACs ${model.totals.macs}`);
    assert.equal(model.layers.filter((l) => l.op === 'conv2d').length, 53);
    assert.deepEqual(model.warnings, []);
    assert.deepEqual(model.unknowns, []);
    assert.equal(model.partial, false);
    assert.deepEqual(model.inputShape, ['N', 3, 224, 224]);
    assert.ok(await eventually(labOpen), 'the lab panel is open');
  });

  test('ML Lens: Analyze Model from the palette analyzes the model class around the cursor', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(examplesUri('resnet.py')));
    const at = editor.document.positionAt(editor.document.getText().indexOf('self.avgpool = '));
    editor.selection = new vscode.Selection(at, at);
    const shown = await vscode.commands.executeCommand<Shown>('mlLens.analyzeModel');
    assert.equal(shown?.request.tree.type, 'ResNet');
    assert.ok(shown.request.tree.children.length > 0);
  });

  test('mlLens.codeLens.analyzeModel = false hides the lens (Simulate lenses stay)', async () => {
    const document = await vscode.workspace.openTextDocument(examplesUri('resnet.py'));
    const config = vscode.workspace.getConfiguration('mlLens');
    await config.update('codeLens.analyzeModel', false, vscode.ConfigurationTarget.Global);
    try {
      assert.equal((await analyzeLenses(document)).length, 0);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      assert.ok(lenses.some((l) => l.command?.command === 'mlLens.simulateSelection'));
    } finally {
      await config.update('codeLens.analyzeModel', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('an unknown named at the top takes the value given in the lab, remembered for the file', async () => {
    const code =
      'import torch.nn as nn\n\n\nclass Head(nn.Module):\n    def __init__(self, num_classes, width=32):\n        super().__init__()\n        self.conv = nn.Conv2d(3, width, 3, padding=1)\n        self.pool = nn.AdaptiveAvgPool2d(1)\n        self.fc = nn.Linear(width, num_classes)\n\n    def forward(self, x):\n        return self.fc(self.pool(self.conv(x)).flatten(1))\n';
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: code });
    await vscode.window.showTextDocument(document);
    const [lens] = await analyzeLenses(document);
    assert.ok(lens?.command?.arguments);
    const before = await vscode.commands.executeCommand<Shown>(lens.command.command, ...lens.command.arguments);
    assert.deepEqual(
      before?.request.unknowns.map((u) => u.name),
      ['num_classes'],
    );
    assert.equal(before.request.partial, true);
    // What typing 10 in the lab's num_classes field sends.
    const at = lens.command.arguments[1] as vscode.Range;
    const selection = { uri: document.uri.toString(), range: [at.start.line, at.start.character, at.end.line, at.end.character] };
    const after = await vscode.commands.executeCommand<Shown>('mlLens.reanalyzeModel', { selection, values: { num_classes: 10 } });
    assert.deepEqual(after?.request.unknowns, []);
    assert.equal(after.request.totals.params, 3 * 32 * 9 + 32 + 32 * 10 + 10);
    // Analyzing the file again (the lens) uses the remembered value.
    const again = await vscode.commands.executeCommand<Shown>(lens.command.command, ...lens.command.arguments);
    assert.equal(again?.request.totals.params, after.request.totals.params);
    await vscode.commands.executeCommand('mlLens.reanalyzeModel', { selection, values: {} });
    const forgotten = await vscode.commands.executeCommand<Shown>(lens.command.command, ...lens.command.arguments);
    assert.deepEqual(
      forgotten?.request.unknowns.map((u) => u.name),
      ['num_classes'],
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a block imported from a file next to the model (from .blocks import Block) is read and traced', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-lens-imports-'));
    try {
      writeFileSync(
        join(dir, 'blocks.py'),
        'import torch.nn as nn\n\n\nclass Block(nn.Module):\n    def __init__(self, c):\n        super().__init__()\n        self.conv = nn.Conv2d(c, c, 3, padding=1)\n\n    def forward(self, x):\n        return self.conv(x)\n',
      );
      writeFileSync(
        join(dir, 'net.py'),
        'import torch\nimport torch.nn as nn\nfrom .blocks import Block\n\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.stem = nn.Conv2d(3, 16, 3, padding=1)\n        self.body = Block(16)\n\n    def forward(self, x):\n        return self.body(self.stem(x))\n',
      );
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(join(dir, 'net.py')));
      await vscode.window.showTextDocument(document);
      const [lens] = await analyzeLenses(document);
      const shown = await vscode.commands.executeCommand<Shown>(lens.command!.command, ...lens.command!.arguments!);
      assert.deepEqual(shown?.request.warnings, []);
      assert.deepEqual(
        shown.request.tree.children.map((c) => c.name),
        ['stem', 'body'],
      );
      assert.equal(shown.request.totals.params, 3 * 16 * 9 + 16 + 16 * 16 * 9 + 16);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
