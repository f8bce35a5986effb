#!/usr/bin/env bash
# Remake docs/screenshots/: the browser journey test saves each page it checks there.
set -euo pipefail
cd "$(dirname "$0")/.."
make install
CVIMPROVER_SCREENSHOTS=docs/screenshots .venv/bin/pytest tests/browser -q "$@"
