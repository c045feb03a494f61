# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8050
API_PORT ?= 8051
DATA_DIR ?= data/demo
ARTIFACTS_DIR ?= data/artifacts
DEMO_APPLICATIONS ?= 5000
DEMO_ITERATIONS ?= 600
SEED ?= 42
DEMO_PASSWORDS ?= data/demo-accounts.txt

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install system run run-split test lint format demo-data demo-model clean-data

$(STAMP): requirements.txt requirements-dev.txt requirements-explain.txt requirements-spark.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# The dashboard's partial plotly.js build comes from the npm registry, checked against its
# pinned sha512 (dash_app/plotly_build); the command does nothing when the build is there.
install: $(STAMP)  ## create .venv, install the dependencies and the plotly.js build (no-op when done)
	@$(PY) -m dash_app.plotly_build.fetch

# Debian packages the tests use: chromium and its driver (the dashboard's browser tests),
# prometheus's promtool (the alert rules' tests), postgresql (the server on a real PostgreSQL;
# its programs live in /usr/lib/postgresql/<major>/bin, off the PATH), redis-server (shared
# rate limits), the JDK of the Spark tests (java; docs/spark.md).
SYSTEM_COMMANDS := chromium chromedriver promtool redis-server java
SYSTEM_PACKAGES := chromium chromium-driver prometheus postgresql redis-server \
	openjdk-17-jre-headless

system:  ## install the Debian packages the tests use (once: nothing when they are there)
	@missing=0; for command in $(SYSTEM_COMMANDS); do \
		command -v $$command >/dev/null || missing=1; done; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing=1; \
	[ $$missing = 0 ] || { \
		$(SUDO) apt-get update && \
		$(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
			$(SYSTEM_PACKAGES); }

$(DATA_DIR)/application_train.csv: | $(STAMP)
	$(PY) -m model_training synth --applications $(DEMO_APPLICATIONS) --seed $(SEED) --out $(DATA_DIR)

demo-data: $(DATA_DIR)/application_train.csv  ## generate the synthetic demo data if absent

demo-model: demo-data  ## validate, build features, train and evaluate unless a usable model is live
	@if $(PY) -m model_training check --artifacts-dir $(ARTIFACTS_DIR); then :; \
	else \
		$(PY) -m model_training build --data-dir $(DATA_DIR) --artifacts-dir $(ARTIFACTS_DIR) \
			--iterations $(DEMO_ITERATIONS); \
	fi

run: install demo-model  ## set up, generate demo data, train when absent, then serve on HOST:PORT
	$(PY) -m scoring_api db upgrade
	DATA_DIR=$(DATA_DIR) ARTIFACTS_DIR=$(ARTIFACTS_DIR) $(PY) -m scoring_api demo-accounts \
		--passwords-file $(DEMO_PASSWORDS)
	@echo "Serving the dashboard on http://$(HOST):$(PORT)/ and the API on /api/v1 (docs: /api/v1/)."
	@echo "Demo accounts and passwords: $(DEMO_PASSWORDS) (readable by you only)."
	HOST=$(HOST) PORT=$(PORT) DATA_DIR=$(DATA_DIR) ARTIFACTS_DIR=$(ARTIFACTS_DIR) \
		exec $(VENV)/bin/gunicorn app:server -c gunicorn.conf.py

# The two-process shape: the API alone on API_PORT (DASHBOARD=0) and the dashboard on PORT,
# which reaches it over HTTP (API_URL); both share SECRET_KEY and the accounts database.
run-split: install demo-model  ## the API alone on API_PORT, the dashboard on PORT using it
	$(PY) -m scoring_api db upgrade
	DATA_DIR=$(DATA_DIR) ARTIFACTS_DIR=$(ARTIFACTS_DIR) $(PY) -m scoring_api demo-accounts \
		--passwords-file $(DEMO_PASSWORDS)
	@echo "API on http://$(HOST):$(API_PORT)/api/v1, dashboard on http://$(HOST):$(PORT)/"
	@export SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(48))') \
		HOST=$(HOST) DATA_DIR=$(DATA_DIR) ARTIFACTS_DIR=$(ARTIFACTS_DIR); \
	DASHBOARD=0 PORT=$(API_PORT) $(VENV)/bin/gunicorn app:server -c gunicorn.conf.py & api=$$!; \
	API_URL=http://127.0.0.1:$(API_PORT) PORT=$(PORT) \
		$(VENV)/bin/gunicorn app:server -c gunicorn.conf.py & dashboard=$$!; \
	trap 'kill $$api $$dashboard' INT TERM; wait

lint: install  ## ruff format and lint, and mypy on the packages (pyproject.toml [tool.mypy])
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: install system lint  ## set up and run lint + the whole test suite
	$(PY) -m pytest -n 2

clean-data:
	rm -rf $(DATA_DIR)
