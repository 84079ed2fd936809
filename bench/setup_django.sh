#!/usr/bin/env bash
# Install the real Django (5.2.x on Python 3.11, 6.0.x on 3.12+) into bench/.venv-django, isolated
# from the project's own .venv and never on the tests' path.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
spec=$("$PY" -c 'import sys; print("Django>=6.0,<6.1" if sys.version_info >= (3, 12) else "Django>=5.2,<5.3")')
[ -x .venv-django/bin/python ] || "$PY" -m venv .venv-django
.venv-django/bin/python -m pip install -q --upgrade pip
.venv-django/bin/python -m pip install -q "$spec" jinja2 'psycopg[binary]' gunicorn uvicorn
