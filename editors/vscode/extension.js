// The VS Code extension: starts `medlint server` in the Python the Python extension has selected
// (as Microsoft's template for Python tools does) and wires its settings, a preview command and a
// status bar item. Only VS Code calls are here; what they are given comes from lib/server.js.
"use strict";
const vscode = require("vscode");
const { LanguageClient, State } = require("vscode-languageclient/node");
const os = require("os");
const path = require("path");
const medlint = require("./lib/server");

let client;
let status;

async function selectedPython() {
  const python = vscode.extensions.getExtension("ms-python.python");
  if (!python) return undefined;
  const api = python.isActive ? python.exports : await python.activate();
  const resource = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (api?.environments?.getActiveEnvironmentPath) {
    const active = api.environments.getActiveEnvironmentPath(resource);
    const resolved = await api.environments.resolveEnvironment(active);
    return resolved?.executable?.uri ? [resolved.executable.uri.fsPath] : active?.path ? [active.path] : undefined;
  }
  return api?.settings?.getExecutionDetails?.(resource)?.execCommand;
}

async function python() {
  const settings = vscode.workspace.getConfiguration("medlint");
  return medlint.interpreter(settings.get("interpreter"), await selectedPython());
}

async function start(context) {
  const settings = vscode.workspace.getConfiguration("medlint");
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const command = medlint.serverCommand(await python(), folder);
  client = new LanguageClient("medlint", "medlint", command, {
    documentSelector: [{ language: "markdown" }, { language: "mdx" }],
    initializationOptions: medlint.initializationOptions({
      config: settings.get("config"),
      severity: settings.get("severity"),
    }),
  });
  client.onDidChangeState((change) => {
    const state = change.newState === State.Running ? "running" : change.newState === State.Starting ? "starting" : "stopped";
    status.text = medlint.statusText(state, 0);
  });
  await client.start();
}

async function preview() {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const draft = editor.document.uri.fsPath;
  const output = path.join(os.tmpdir(), "medlint-preview", path.basename(draft) + ".html");
  const { command, args } = medlint.previewCommand(await python(), draft, output);
  const task = new vscode.Task({ type: "process" }, vscode.TaskScope.Workspace, "preview", "medlint",
    new vscode.ProcessExecution(command, args, { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath }));
  const done = new Promise((resolve) => vscode.tasks.onDidEndTaskProcess((event) => {
    if (event.execution.task === task) resolve(event.exitCode);
  }));
  await vscode.tasks.executeTask(task);
  if ((await done) === 0) await vscode.env.openExternal(vscode.Uri.file(output));
}

async function activate(context) {
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.command = "medlint.restart";
  status.text = medlint.statusText("starting", 0);
  status.show();
  context.subscriptions.push(
    status,
    vscode.commands.registerCommand("medlint.preview", preview),
    vscode.commands.registerCommand("medlint.restart", async () => {
      if (client) await client.stop();
      await start(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("medlint")) {
        if (client) await client.stop();
        await start(context);
      }
    }),
  );
  await start(context);
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };
