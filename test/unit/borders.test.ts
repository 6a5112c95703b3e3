/**
 * The borders between folders are enforced by lint (eslint.config.mjs): an import that runs the
 * wrong way fails, one that runs the right way passes.
 */
import * as assert from 'node:assert/strict';
import { ESLint } from 'eslint';

async function problems(filePath: string, source: string): Promise<string[]> {
  const eslint = new ESLint();
  const [result] = await eslint.lintText(source, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('folder borders (lint)', function () {
  this.timeout(60_000);

  it('fails on a wrong-way import and passes the right-way one', async () => {
    const wrong: [string, string, RegExp][] = [
      ['compute/conv/probe.ts', "import { recognize } from '../recognize';\nexport const r = recognize;\n", /building blocks must not import recognize/],
      ['compute/expr/probe.ts', "import { analyzeFile } from '../program/file-analysis';\nexport const r = analyzeFile;\n", /must not import program/],
      ['compute/program/probe.ts', "import { h } from '../../webview/dom';\nexport const r = h;\n", /must not import the webview/],
      ['compute/optim/probe.ts', "import { pack } from '../../shared/transfer';\nexport const r = pack;\n", /shared\/ builds on it/],
      ['shared/probe.ts', "import { h } from '../webview/dom';\nexport const r = h;\n", /shared\/ is below the webview/],
      ['webview/probe.ts', "import { registerLabs } from '../extension/lab-host';\nexport const r = registerLabs;\n", /must not import the extension/],
      ['cli/probe.ts', "import { h } from '../webview/dom';\nexport const r = h;\n", /CLI must not import the webview/],
      ['webview/probe.ts', "import * as vscode from 'vscode';\nexport const r = vscode;\n", /Only extension\//],
    ];
    for (const [file, source, expected] of wrong) {
      const found = await problems(file, source);
      assert.ok(found.some((m) => expected.test(m)), `${file}: ${source.split('\n')[0]} → ${JSON.stringify(found)}`);
    }
    const right: [string, string][] = [
      ['compute/recognize/probe.ts', "import { parsePython } from '../python/syntax';\nexport const r = parsePython;\n"],
      ['shared/probe.ts', "import { simulate } from '../compute/simulate';\nexport const r = simulate;\n"],
      ['webview/probe.ts', "import { pack } from '../shared/transfer';\nexport const r = pack;\n"],
      ['extension/probe.ts', "import * as vscode from 'vscode';\nexport const r = vscode;\n"],
    ];
    for (const [file, source] of right) assert.deepEqual(await problems(file, source), [], `${file}: ${source.split('\n')[0]}`);
  });
});
