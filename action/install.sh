#!/usr/bin/env bash
# The Action's first step: medlint from PyPI at the version asked for, else this action's own code.
set -euo pipefail
if [ -n "${INPUT_VERSION:-}" ]; then
  python -m pip install --quiet --disable-pip-version-check "medlint-md==$INPUT_VERSION"
else
  python -m pip install --quiet --disable-pip-version-check "$ACTION_PATH"
fi
medlint --version
