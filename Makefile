# ntm — the two commands a new user needs: `make demo` and `make test`.
PY        ?= python3
VENV      := .venv
BIN       := $(VENV)/bin
STAMP     := $(VENV)/.installed
PYTEST    := $(BIN)/pytest

.PHONY: demo test test-sqlite test-postgres bench lint typecheck lock venv clean chromium libreoffice

venv: $(STAMP)

# The venv is rebuilt whenever the lock file or the project metadata changes.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# The web system with demonstration data on http://127.0.0.1:8000 (logins are printed).
demo: venv
	$(BIN)/ntm serve --demo --host 127.0.0.1 --port 8000

# Every test, domain to browser. SQLite first, then the database tests again on PostgreSQL.
# Tests marked `postgres` (concurrent saves) run only in the PostgreSQL pass; the message
# catalogues are compiled with Babel (no GNU gettext needed). Tests marked `browser` run in a
# pass of their own, without xdist: Debian's chromium against a live `ntm serve --demo`
# (tests/browser). Screenshots for docs/screenshots: .venv/bin/python -m tests.browser.shoot
test: venv chromium libreoffice lint
	$(BIN)/python -m ntm.web.i18n
	$(PYTEST) -n 2 -p no:cacheprovider -m "not postgres and not browser"
	$(PYTEST) -p no:cacheprovider -m browser tests/web tests/browser
	@if [ -d tests/web ] && ls tests/web/test_*.py >/dev/null 2>&1; then \
	  NTM_TEST_DATABASE_URL=$${NTM_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
	  $(PYTEST) -n 2 -p no:cacheprovider tests/web -m "not browser"; \
	fi

# Debian's chromium for the browser tests; never a browser download.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Cài đặt chromium (Debian)…"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || (echo "Không cài được chromium bằng apt" >&2; exit 1); \
	fi

# Debian's LibreOffice (headless) and poppler's pdftotext for the document tests
# (tests/reports/test_documents_in_libreoffice.py): the docx as PDF, the appendix as csv.
libreoffice:
	@if [ ! -x /usr/bin/soffice ] || [ ! -x /usr/bin/pdftotext ]; then \
	  echo "Cài đặt LibreOffice và poppler-utils (Debian)…"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils >/dev/null) \
	  || (echo "Không cài được LibreOffice bằng apt" >&2; exit 1); \
	fi

# Every benchmark on the national dataset (docs/performance.md); BENCH_ARGS=--quick for a
# development run, BENCH_ARGS="web --json bench.json" for one benchmark and its figures.
bench: venv
	$(BIN)/python -m ntm.bench $(BENCH_ARGS)

# ruff (lint and format), then mypy as configured in pyproject.toml ([tool.mypy]): strict on the
# core (domain, io, criteria, units, reports, cli), untyped bodies checked on the web.
lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

# mypy alone, the same command as the last step of `make lint`.
typecheck: venv
	$(BIN)/mypy

# Refresh the lock file from pyproject (run by a developer, not by CI).
lock:
	rm -rf /tmp/ntm-lock && $(PY) -m venv /tmp/ntm-lock
	/tmp/ntm-lock/bin/pip install --quiet --upgrade pip
	/tmp/ntm-lock/bin/pip install --quiet -e '.[dev]'
	/tmp/ntm-lock/bin/pip freeze --exclude-editable | grep -v '^-e' > requirements.lock

clean:
	rm -rf $(VENV) var demo-output bench-output
