// What the extension asks of medlint, without VS Code: the command that starts the server in the
// chosen Python, the initialization options from the settings, and the preview command. Kept
// apart from extension.js so that tests run it against a real `medlint server`.
"use strict";

/** The Python to run: the medlint.interpreter setting, else the Python extension's, else python3. */
function interpreter(setting, selected) {
  if (Array.isArray(setting) && setting.length > 0) return setting.map(String);
  if (Array.isArray(selected) && selected.length > 0) return selected.map(String);
  return ["python3"];
}

/** How to start the server: `python -m medlint server`, in the workspace folder. */
function serverCommand(python, cwd) {
  return { command: python[0], args: [...python.slice(1), "-m", "medlint", "server"], options: { cwd } };
}

/** The settings the server reads, as its initializationOptions (medlint.server's EditorSettings). */
function initializationOptions(settings) {
  const config = typeof settings.config === "string" ? settings.config.trim() : "";
  const severity = settings.severity && typeof settings.severity === "object" ? settings.severity : {};
  return { config: config || null, severity };
}

/** The command that writes a draft's preview page, and where it goes. */
function previewCommand(python, draft, output) {
  return { command: python[0], args: [...python.slice(1), "-m", "medlint", "preview", draft, "-o", output] };
}

/** The status bar text for a state of the client ("starting", "running", "stopped"). */
function statusText(state, problems) {
  if (state === "running") return problems ? `$(warning) medlint: ${problems}` : "$(check) medlint";
  if (state === "starting") return "$(sync~spin) medlint";
  return "$(error) medlint: stopped";
}

module.exports = { interpreter, serverCommand, initializationOptions, previewCommand, statusText };
