# The two commands of the README: `make run` (portal with demo data) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint check-deploy browser clamav node nginx fault-tools bench-tools bench-quick

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[dev]"
	touch $@

# Node packages used only by the tests (the OpenID Connect provider on loopback).
node:
	@if [ -f tests/oidc/package-lock.json ] && [ ! -f tests/oidc/node_modules/.installed ]; then \
		npm ci --prefix tests/oidc --no-audit --no-fund --loglevel=error && touch tests/oidc/node_modules/.installed; fi

# Debian's chromium for the browser tests (no browser download by Playwright).
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

# Debian's ClamAV daemon for the upload tests: they start a private clamd with a test signature database
# (tests/conftest.py); nothing is downloaded (no freshclam).
clamav:
	@command -v clamd >/dev/null || test -x /usr/sbin/clamd || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clamav-daemon >/dev/null)

# Debian's nginx for the cluster test (tests/cluster, deploy/local-cluster): started on loopback by the test only.
nginx:
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null)

# The real-process fault tests (tests/faults) start a private redis-server and, when the suite runs on SQLite, a
# private PostgreSQL cluster (initdb/pg_ctl): both from Debian's packages. Neither service needs to be running.
fault-tools:
	@command -v redis-server >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null)
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null)

# wrk, the load generator of the benchmark (bench/run.py).
bench-tools:
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)

# The benchmark in seconds on a small generated database: only proves bench/ still works (figures: docs/performance.md).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/loket_bench_ci
bench-quick: install bench-tools
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py load_reference_data >/dev/null
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py generate_scale_data --meldingen 2000 --gesprekken 400 --berichten 2000 --zonder-mandatarissen 2>/dev/null
	$(PY) bench/run.py --quick --database-url $(BENCH_DATABASE_URL)

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference_data
	$(PY) manage.py load_demo_data
	@echo "Het loket draait op http://$(HOST):$(PORT)/ (testaanmelding: 'Aanmelden')"
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

check-deploy: install
	DJANGO_SECRET_KEY=check-deploy-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=') \
	DJANGO_ALLOWED_HOSTS=loket.example.org \
	LOKET_CLAMD_ADDRESS=clamd:3310 \
	DJANGO_SETTINGS_MODULE=loket.settings.production \
	$(PY) manage.py check --deploy --fail-level WARNING

test: install browser clamav node nginx fault-tools lint check-deploy
	$(VENV)/bin/pytest $(PYTEST_ARGS)
