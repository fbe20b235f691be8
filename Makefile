# Portal Pelayanan Publik — `make run` to try it, `make test` to prove it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORTAL := $(VENV)/bin/portal
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install run test test-fast browser lint messages benchmark deploy-check audit clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

## Create the venv, install, migrate, train the classifier if missing, load demo data into an empty DB, serve.
run: install
	$(PORTAL) migrate
	$(PORTAL) ml ensure
	$(PORTAL) demo --if-empty
	$(PORTAL) serve --host 127.0.0.1 --port 8000

## Debian's chromium drives the browser tests (installed with apt when missing).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Installing Debian chromium for the browser tests..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "chromium could not be installed: browser tests will be skipped"; \
	fi

## Install everything and run the whole suite on 2 processes (SQLite by default; DATABASE_URL=postgresql://...
## for PostgreSQL: each process then uses a database of its own, <name>_gw0, <name>_gw1).
test: install browser
	$(PORTAL) ml ensure
	$(PY) -m pytest -n 2

test-fast: install
	$(PY) -m pytest -m "not browser and not slow"

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

messages: install
	for p in $$($(PY) -c "from portal.domains import catalogue_packages; print(*catalogue_packages())"); do \
	  $(PORTAL) i18n update $$p || exit 1; done

benchmark: install
	for f in benchmarks/*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

## Validate deploy/ (compose, systemd units, nginx sites, Dockerfile); BUILD=1 also builds the image.
## A tool that is not installed is skipped with a message.
deploy-check: install
	$(PY) deploy/check.py $(if $(filter 1,$(BUILD)),--build,)

## Known vulnerabilities in the installed packages (PyPI advisory data; warns when unreachable).
audit: install
	$(PY) .ci/audit.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
