/**
 * Shapes where the code is, inside a real VS Code: inlay hints through
 * vscode.executeInlayHintProvider, the planted mismatch of examples/mnist_mismatch.py in
 * vscode.languages.getDiagnostics, its quick fix applied (one undo) and the warning cleared by the
 * re-analysis, shape hovers, the settings; then the same in a notebook made with VS Code's built-in
 * .ipynb support, with a name and a class bound in earlier cells, and Simulate Selection there.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

function examplesUri(file: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace (examples/) is open');
  return vscode.Uri.joinPath(folder.uri, file);
}

/** Poll until `probe` gives a value (analysis is debounced and asynchronous). */
async function eventually<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const labelOf = (hint: vscode.InlayHint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((p) => p.value).join(''));
const tooltipOf = (hint: vscode.InlayHint) => (typeof hint.tooltip === 'string' ? hint.tooltip : (hint.tooltip?.value ?? ''));
const shapeDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ML Lens');

async function inlayHints(document: vscode.TextDocument): Promise<vscode.InlayHint[]> {
  const all = new vscode.Range(0, 0, document.lineCount, 0);
  return vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, all);
}

/** "line text → label" for each hint, the line text up to the hint. */
function hintsByLine(document: vscode.TextDocument, hints: vscode.InlayHint[]): string[] {
  return hints.map((h) => `${document.lineAt(h.position.line).text.slice(0, h.position.character).trim()} ${labelOf(h)}`);
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

suite('ML Lens shapes in VS Code', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension('ml-lens.ml-lens')?.activate();
  });

  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('inlay hints: a shape after each layer and forward statement of examples/mnist_mismatch.py, totals at the class', async () => {
    const document = await vscode.workspace.openTextDocument(examplesUri('mnist_mismatch.py'));
    await vscode.window.showTextDocument(document);
    const started = Date.now();
    const hints = await inlayHints(document);
    const shown = hintsByLine(document, hints);
    console.log(`    ${hints.length} inlay hints in ${Date.now() - started} ms (first request, analysis included)`);
    for (const expected of [
      'class MnistNet(nn.Module): 1.2 M params · 10.8 M MACs · partial',
      'self.conv1 = nn.Conv2d(1, 32, kernel_size=3) → N×32×26×26',
      'self.conv2 = nn.Conv2d(32, 64, kernel_size=3) → N×64×24×24',
      'self.pool = nn.MaxPool2d(2) → N×64×12×12',
      'x = torch.flatten(x, 1) → N×9216',
    ]) {
      assert.ok(shown.includes(expected), `no hint "${expected}" in:\n${shown.join('\n')}`);
    }
    const conv2 = hints.find((h) => document.lineAt(h.position.line).text.includes('Conv2d(32'))!;
    assert.equal(conv2.kind, vscode.InlayHintKind.Type);
    assert.match(tooltipOf(conv2), /`\[N, 32, 26, 26\]` → `\[N, 64, 24, 24\]`/);
    assert.match(tooltipOf(conv2), /18,496 parameters/);
  });

  test('diagnostics: the planted in_features mismatch, in PyTorch’s words; the quick fix applies as one edit and the warning clears', async () => {
    const document = await vscode.workspace.openTextDocument(examplesUri('mnist_mismatch.py'));
    const editor = await vscode.window.showTextDocument(document);
    try {
      const [diagnostic] = await eventually(() => shapeDiagnostics(document.uri).length > 0 && shapeDiagnostics(document.uri), 'the ML Lens warning');
      assert.equal(shapeDiagnostics(document.uri).length, 1);
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(document.getText(diagnostic.range), '9200');
      assert.match(diagnostic.message, /PyTorch would raise: mat1 and mat2 shapes cannot be multiplied \(Nx9216 and 9200x128\)/);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((a) => a.title === 'Set in_features to 9216');
      assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title).join(', ')}`);
      assert.equal(fix.isPreferred, true);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(document.lineAt(diagnostic.range.start.line).text, /nn\.Linear\(9216, 128\)/);
      const cleared = Date.now();
      await eventually(() => shapeDiagnostics(document.uri).length === 0, 'the warning to clear');
      console.log(`    warning cleared ${Date.now() - cleared} ms after the fix (debounce 400 ms + analysis)`);
      // The fixed model reads through to the end: fc1 and fc2 have shapes now.
      const shown = hintsByLine(document, await inlayHints(document));
      assert.ok(shown.includes('self.fc2 = nn.Linear(128, num_classes) → N×10'), shown.join('\n'));
      // One undo takes the fix back, and the warning returns.
      await vscode.window.showTextDocument(document, { viewColumn: editor.viewColumn });
      await vscode.commands.executeCommand('undo');
      assert.match(document.getText(), /nn\.Linear\(9200, 128\)/);
      await eventually(() => shapeDiagnostics(document.uri).length === 1, 'the warning after undo');
    } finally {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  test('shape hovers: on a layer construction and on a tensor variable inside forward', async () => {
    const document = await vscode.workspace.openTextDocument(examplesUri('mnist_mismatch.py'));
    await vscode.window.showTextDocument(document);
    await inlayHints(document); // the analysis of this version has finished
    const text = document.getText();
    const conv = await hoverText(document.uri, document.positionAt(text.indexOf('nn.Conv2d(32') + 4));
    assert.match(conv, /\*\*Shapes\*\*/);
    assert.match(conv, /`\[N, 32, 26, 26\]` → `\[N, 64, 24, 24\]`/);
    assert.match(conv, /Convolutional layer \(Conv2d\)/, 'the term definition is still there');
    const variable = await hoverText(document.uri, document.positionAt(text.indexOf('x = torch.flatten')));
    assert.match(variable, /\*\*`x`\*\* · in MnistNet\.forward/);
    assert.match(variable, /`\[N, 9216\]`/);
  });

  test('the settings turn each surface off', async () => {
    const document = await vscode.workspace.openTextDocument(examplesUri('mnist_mismatch.py'));
    await vscode.window.showTextDocument(document);
    await eventually(() => shapeDiagnostics(document.uri).length === 1, 'the warning');
    const config = vscode.workspace.getConfiguration('mlLens');
    try {
      await config.update('inlayHints.shapes', false, vscode.ConfigurationTarget.Global);
      await config.update('diagnostics.shapes', false, vscode.ConfigurationTarget.Global);
      await config.update('hover.shapes', false, vscode.ConfigurationTarget.Global);
      assert.deepEqual(await inlayHints(document), []);
      await eventually(() => shapeDiagnostics(document.uri).length === 0, 'the warning to go');
      const text = document.getText();
      assert.doesNotMatch(await hoverText(document.uri, document.positionAt(text.indexOf('nn.Conv2d(32') + 4)), /\*\*Shapes\*\*/);
    } finally {
      await config.update('inlayHints.shapes', undefined, vscode.ConfigurationTarget.Global);
      await config.update('diagnostics.shapes', undefined, vscode.ConfigurationTarget.Global);
      await config.update('hover.shapes', undefined, vscode.ConfigurationTarget.Global);
    }
    await eventually(() => shapeDiagnostics(document.uri).length === 1, 'the warning back');
  });

  test('above mlLens.analysis.maxFileLines a file is not analysed', async () => {
    const document = await vscode.workspace.openTextDocument(examplesUri('mnist_mismatch.py'));
    await vscode.window.showTextDocument(document);
    const config = vscode.workspace.getConfiguration('mlLens');
    try {
      await config.update('analysis.maxFileLines', 10, vscode.ConfigurationTarget.Global);
      await eventually(() => shapeDiagnostics(document.uri).length === 0, 'the warning to go');
      assert.deepEqual(await inlayHints(document), []);
    } finally {
      await config.update('analysis.maxFileLines', undefined, vscode.ConfigurationTarget.Global);
    }
    await eventually(() => shapeDiagnostics(document.uri).length === 1, 'the warning back');
  });

  test('a notebook is one program: C and the class from earlier cells; hints, the warning and its fix in the cells; Simulate Selection reads C', async () => {
    const cells = [
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'import torch\nimport torch.nn as nn\n\nC = 64\nlr = 0.0123', 'python'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, '## A small CNN', 'markdown'),
      new vscode.NotebookCellData(
        vscode.NotebookCellKind.Code,
        'class SmallNet(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.conv = nn.Conv2d(1, C, kernel_size=3)\n        self.fc = nn.Linear(40000, 10)\n\n    def forward(self, x):\n        # x: (N, 1, 28, 28)\n        x = torch.relu(self.conv(x))\n        x = x.flatten(1)\n        return self.fc(x)',
        'python',
      ),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'stem = nn.Conv2d(3, C, kernel_size=7, stride=2, padding=3)\nmodel = SmallNet()', 'python'),
    ];
    const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', new vscode.NotebookData(cells));
    await vscode.window.showNotebookDocument(notebook);
    try {
      const classCell = notebook.cellAt(2).document;
      const hints = hintsByLine(
        classCell,
        await eventually(async () => (await inlayHints(classCell)).length > 0 && inlayHints(classCell), 'hints in the class cell'),
      );
      assert.ok(hints.includes('self.conv = nn.Conv2d(1, C, kernel_size=3) → N×64×26×26'), hints.join('\n'));
      assert.ok(hints.includes('x = x.flatten(1) → N×43264'), hints.join('\n'));
      assert.ok(
        hints.some((h) => h.startsWith('class SmallNet(nn.Module): ')),
        hints.join('\n'),
      );
      const [diagnostic] = await eventually(
        () => shapeDiagnostics(classCell.uri).length > 0 && shapeDiagnostics(classCell.uri),
        'the warning in the class cell',
      );
      assert.equal(classCell.getText(diagnostic.range), '40000');
      assert.match(diagnostic.message, /\(Nx43264 and 40000x10\)/);
      assert.match(diagnostic.message, /\(cell 3, line 11\)/, 'the line is said in the notebook’s terms');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        classCell.uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((a) => a.title === 'Set in_features to 43264');
      assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title).join(', ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(classCell.getText(), /nn\.Linear\(43264, 10\)/);
      await eventually(() => shapeDiagnostics(classCell.uri).length === 0, 'the warning to clear in the cell');
      // Simulate Selection on a layer in the last cell reads C = 64 from the first.
      const stemCell = notebook.cellAt(3).document;
      const line = stemCell.lineAt(0);
      const shown = await vscode.commands.executeCommand<{
        lab: string;
        request: { layers: { out_channels: number; outShape: number[] }[] };
        source?: { uri: string; label?: string };
      }>('mlLens.simulateSelection', stemCell.uri, new vscode.Range(line.range.start.translate(0, 7), line.range.end));
      assert.equal(shown?.lab, 'conv');
      assert.equal(shown.request.layers[0].out_channels, 64);
      assert.deepEqual(shown.request.layers[0].outShape, [1, 64, 112, 112]);
      assert.equal(shown.source?.uri, stemCell.uri.toString());
      assert.match(shown.source?.label ?? '', /\.ipynb, cell 4, line 1$/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
