/**
 * The borders between folders are enforced by lint (eslint.config.mjs): an import that runs the
 * wrong way fails, one that runs the right way passes. And by the compiler: each folder has its
 * own tsconfig.json, built as project references (npm run typecheck is tsc -b): compute/ sees no DOM
 * and no Node, the webview no Node, and a folder can import only the folders its tsconfig references.
 */
import * as assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import * as path from 'node:path';
import ts from 'typescript';

async function problems(filePath: string, source: string): Promise<string[]> {
  // The probes are not files of any tsconfig: lint them without the type-aware rules.
  const eslint = new ESLint({
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false, project: null } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/switch-exhaustiveness-check': 'off' },
    },
  });
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
      assert.ok(
        found.some((m) => expected.test(m)),
        `${file}: ${source.split('\n')[0]} → ${JSON.stringify(found)}`,
      );
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

/** Type errors of `source` compiled as a file of `folder` with that folder's tsconfig.json. */
function typeErrors(folder: string, source: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.resolve(folder, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const probe = path.resolve(folder, '__probe__.ts');
  const host = ts.createCompilerHost(config.options);
  const read = host.readFile.bind(host);
  host.readFile = (file) => (path.resolve(file) === probe ? source : read(file));
  const exists = host.fileExists.bind(host);
  host.fileExists = (file) => path.resolve(file) === probe || exists(file);
  // Another folder's files are read through its project reference, from source as the editor does.
  Object.assign(host, { useSourceOfProjectReferenceRedirect: () => true });
  const program = ts.createProgram({ rootNames: [probe], options: config.options, host, projectReferences: config.projectReferences });
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(probe)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('folder borders (compiler)', function () {
  this.timeout(60_000);

  it('compute/ has no DOM and no Node; the webview has the DOM but no Node; the extension has Node', () => {
    assert.ok(typeErrors('compute', 'export const x = document.body;\n').some((m) => /Cannot find name 'document'/.test(m)));
    assert.ok(typeErrors('compute', 'export const x = process.env.HOME;\n').some((m) => /Cannot find name 'process'/.test(m)));
    assert.ok(typeErrors('webview', "export const x = Buffer.from('a');\n").some((m) => /Cannot find name 'Buffer'/.test(m)));
    assert.deepEqual(typeErrors('webview', 'export const x = document.body;\n'), []);
    assert.deepEqual(typeErrors('extension', 'export const x = process.env.HOME;\n'), []);
    assert.deepEqual(typeErrors('compute', 'export const x = [1, 2].map((v) => v * 2);\n'), []);
  });

  it('a folder reaches only the folders it references (project references, tsc -b)', () => {
    const notListed = /is not listed within the file list of project/;
    assert.ok(typeErrors('compute', "import { h } from '../webview/dom';\nexport const x = h;\n").some((m) => notListed.test(m)));
    assert.ok(typeErrors('shared', "import { h } from '../webview/dom';\nexport const x = h;\n").some((m) => notListed.test(m)));
    assert.ok(typeErrors('webview', "import { registerLabs } from '../extension/lab-host';\nexport const x = registerLabs;\n").some((m) => notListed.test(m)));
    assert.ok(typeErrors('cli', "import { pack } from '../shared/transfer';\nexport const x = pack;\n").some((m) => notListed.test(m)));
    assert.deepEqual(typeErrors('webview', "import { pack } from '../shared/transfer';\nexport const x = pack;\n"), []);
    assert.deepEqual(typeErrors('extension', "import { simulate } from '../compute/simulate';\nexport const x = simulate;\n"), []);
  });
});
