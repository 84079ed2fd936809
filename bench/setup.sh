#!/usr/bin/env bash
# Everything the benchmarks need on a fresh clone: wrk (Debian's package, when run as root), the
# project's own .venv (as scripts/test makes it) and the real Django's isolated bench/.venv-django.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
  else
    echo "wrk is missing (apt-get install wrk): the HTTP benchmarks will not run" >&2
  fi
fi
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test,jinja2]'
fi
bash bench/setup_django.sh
