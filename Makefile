# Lifelong Connections: the two commands a new developer needs are `make demo` and `make test`.
# Everything they need is installed by the targets below, from PyPI, npm, Maven Central and
# Debian's packages; nothing has to be installed by hand first except Python 3.11, Java 17,
# Maven, Node.js and npm (the targets say so clearly when one is missing).

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export CONNECTIONS_HOME ?= $(CURDIR)/var
HOST ?= 127.0.0.1
PORT ?= 5000
YOUNG_PEOPLE ?= 60
SEED ?= 2026
# Test processes (pytest-xdist), each with its own Neo4j: one per core on the 2-core machines CI uses.
TEST_WORKERS ?= 2

.PHONY: help
help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

.PHONY: bootstrap
bootstrap: $(BIN)/connections assets jars pango ## Install Python packages, front-end assets, Neo4j jars

$(BIN)/connections: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed: install python3.11."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

.PHONY: assets
assets: webapp/static/vendor/.stamp ## Front-end assets from npm into webapp/static/vendor

webapp/static/vendor/.stamp: package.json package-lock.json $(BIN)/connections
	@command -v npm >/dev/null || { echo "npm is needed for the front-end assets: install nodejs and npm."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python -m webapp.assets
	@touch $@

.PHONY: jars
jars: $(BIN)/connections ## Fetch the Neo4j jars from Maven Central (once)
	$(BIN)/python -c 'from connections import devdb; devdb.check_tools(); devdb.ensure_jars()'

.PHONY: pango
pango: ## Debian's pango for the PDF of the My Network pack (installs it with apt-get if missing)
	@if command -v dpkg >/dev/null && ! dpkg -s libpango-1.0-0 libpangoft2-1.0-0 >/dev/null 2>&1; then \
		echo "Installing Debian's pango for the PDF of the My Network pack..."; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation >/dev/null; fi

.PHONY: browser
browser: pango ## Debian's chromium for the browser tests (installs it with apt-get if missing)
	@command -v chromium >/dev/null || { \
		echo "Installing Debian's chromium for the browser tests..."; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null; }

.PHONY: db-start
db-start: jars ## Start the local Neo4j (data in var/neo4j)
	$(BIN)/connections db start

.PHONY: db-stop
db-stop: ## Stop the local Neo4j (the data stays)
	$(BIN)/connections db stop

$(CONNECTIONS_HOME)/secret_key:
	@mkdir -p $(CONNECTIONS_HOME)
	@$(PYTHON) -c 'import secrets; print(secrets.token_hex(32))' > $@

.PHONY: demo
demo: bootstrap $(CONNECTIONS_HOME)/secret_key ## Start Neo4j, load demo data, run the web app
	$(BIN)/connections db start
	$(BIN)/connections demo --young-people $(YOUNG_PEOPLE) --seed $(SEED) --replace --users
	@echo
	@echo "Lifelong Connections is running at http://$(HOST):$(PORT)/  (Ctrl-C stops the web app;"
	@echo "'make db-stop' stops Neo4j)"
	@echo
	SECRET_KEY=$$(cat $(CONNECTIONS_HOME)/secret_key) SESSION_COOKIE_SECURE=false \
		NEO4J_URI=$$($(BIN)/connections db uri) \
		$(BIN)/gunicorn --workers 2 --bind $(HOST):$(PORT) --access-logfile - 'webapp:create_app()'

.PHONY: test
test: bootstrap browser ## Run every test against a real Neo4j and headless Chromium
	$(BIN)/python -m pytest -q --durations=25 -n $(TEST_WORKERS) --dist loadfile

.PHONY: lint
lint: $(BIN)/connections ## ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

.PHONY: bench
bench: bootstrap ## Benchmarks (load, cohort, web, users) with their figures
	$(BIN)/python bench/load.py
	$(BIN)/python bench/cohort.py
	$(BIN)/python bench/web.py
	$(BIN)/python bench/network_values.py
	$(BIN)/python bench/users.py
	$(BIN)/python bench/invitation_tokens.py
	$(BIN)/python bench/gedcom.py

.PHONY: bench-users
bench-users: bootstrap ## Load: 50 simulated users for 60 s against gunicorn (Locust)
	$(BIN)/python bench/users.py

.PHONY: clean
clean: ## Remove what the targets installed (keeps var/, the local data)
	rm -rf $(VENV) node_modules webapp/static/vendor neo4j-launcher/target
