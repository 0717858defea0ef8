// The extension's own code (lib/server.js) against a real `medlint server` process, over the
// protocol library vscode-languageclient speaks it with (vscode-languageserver-protocol): the
// command it starts, the initialization options from settings, diagnostics and a quick fix.
// Run by tests/test_editors.py: node test/server.test.js PYTHON DRAFT; prints a JSON record.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");
const rpc = require("vscode-languageserver-protocol/node");
const medlint = require("../lib/server");

async function main() {
  const [python, draft] = process.argv.slice(2);
  const folder = path.dirname(path.dirname(draft));
  const started = medlint.serverCommand(medlint.interpreter([python], undefined), folder);
  const child = spawn(started.command, started.args, { cwd: started.options.cwd, stdio: ["pipe", "pipe", "inherit"] });
  const connection = rpc.createProtocolConnection(
    new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const uri = pathToFileURL(draft).href;
  const diagnostics = new Promise((resolve) => {
    connection.onNotification(rpc.PublishDiagnosticsNotification.type, (params) => {
      if (params.uri === uri && params.diagnostics.length) resolve(params.diagnostics);
    });
  });
  connection.onRequest("client/registerCapability", () => null);
  connection.onRequest("window/workDoneProgress/create", () => null);
  connection.listen();
  await connection.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: "site" }],
    capabilities: {},
    initializationOptions: medlint.initializationOptions({ config: "mkdocs.yml", severity: { ML205: "info", "insecure-link": "off" } }),
  });
  connection.sendNotification(rpc.InitializedNotification.type, {});
  connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "markdown", version: 1, text: fs.readFileSync(draft, "utf8") },
  });
  const found = await diagnostics;
  const relative = found.find((item) => item.code === "ML205");
  const actions = await connection.sendRequest(rpc.CodeActionRequest.type, {
    textDocument: { uri }, range: relative.range, context: { diagnostics: [relative] },
  });
  const preferred = actions.find((action) => action.isPreferred);
  const edits = preferred.edit.changes[uri];
  console.log(JSON.stringify({
    codes: found.map((item) => [item.code, item.severity]),
    preferred: preferred.title,
    edits,
    status: medlint.statusText("running", found.length),
    preview: medlint.previewCommand([python], draft, "out.html"),
  }));
  await connection.sendRequest(rpc.ShutdownRequest.type);
  connection.sendNotification(rpc.ExitNotification.type);
  child.kill();
}

main().catch((error) => { console.error(error); process.exit(1); });
