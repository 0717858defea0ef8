#!/usr/bin/env bash
# The Action's check: the drafts asked for (or those the pull request changed), checked once for
# each output: annotations (--format github) in the log, the job summary from the JSON findings
# and the anchor profile, and SARIF when asked. Exits as `medlint check` does.
set -uo pipefail
work="${RUNNER_TEMP:-/tmp}/medlint-action"
mkdir -p "$work"
settings=()
if [ -n "${INPUT_CONFIG:-}" ]; then settings=(--config "$INPUT_CONFIG"); fi
paths=()
if [ "${INPUT_CHANGED_ONLY:-false}" = "true" ]; then
  base=$(python -c 'import json, os; print(json.load(open(os.environ["GITHUB_EVENT_PATH"]))["pull_request"]["base"]["sha"])') || {
    echo "::error::changed-only needs a pull_request event with a base commit"
    exit 2
  }
  while IFS= read -r file; do
    [ -f "$file" ] && paths+=("$file")
  done < <(git diff --name-only --diff-filter=ACMR "$base" HEAD -- '*.md' '*.markdown' '*.mdx')
  if [ ${#paths[@]} -eq 0 ]; then
    echo "## medlint" >> "$GITHUB_STEP_SUMMARY"
    echo "No Markdown file changed in this pull request." >> "$GITHUB_STEP_SUMMARY"
    { echo "exit-code=0"; echo "findings=0"; echo "sarif-file="; } >> "$GITHUB_OUTPUT"
    exit 0
  fi
else
  read -r -d '' -a paths <<< "${INPUT_PATHS:-}" || true
fi

code=0
medlint check "${settings[@]}" --format json "${paths[@]}" > "$work/findings.json" || code=$?
medlint check "${settings[@]}" --format github --quiet "${paths[@]}" || true
medlint anchors "${settings[@]}" --format json "${paths[@]}" > "$work/anchors.json" 2> /dev/null || rm -f "$work/anchors.json"
sarif=""
if [ "${INPUT_SARIF:-false}" = "true" ]; then
  sarif="${INPUT_SARIF_FILE:-medlint.sarif}"
  medlint check "${settings[@]}" --format sarif "${paths[@]}" > "$sarif" || true
fi
python "$ACTION_PATH/action/summary.py" "$code" "$work/findings.json" "$work/anchors.json" >> "$GITHUB_STEP_SUMMARY"
findings=$(python -c 'import json, sys; print(len(json.load(open(sys.argv[1]))))' "$work/findings.json" 2> /dev/null || echo 0)
{ echo "exit-code=$code"; echo "findings=$findings"; echo "sarif-file=$sarif"; } >> "$GITHUB_OUTPUT"
exit "$code"
