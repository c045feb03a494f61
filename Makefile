# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8050
DATA_DIR ?= data/demo
DEMO_APPLICATIONS ?= 5000
SEED ?= 42

.PHONY: install run test lint format demo-data clean-data

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install runtime + dev dependencies (no-op when done)

$(DATA_DIR)/application_train.csv: | $(STAMP)
	$(PY) -m model_training synth --applications $(DEMO_APPLICATIONS) --seed $(SEED) --out $(DATA_DIR)

demo-data: $(DATA_DIR)/application_train.csv  ## generate the synthetic demo data if absent

run: install demo-data  ## set up, generate and validate demo data (serving lands with the API issue)
	$(PY) -m model_training validate --data-dir $(DATA_DIR)
	@echo "Demo data validated in $(DATA_DIR)/validated (serving on $(HOST):$(PORT) arrives with the API issue)."

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: install lint  ## set up and run lint + the whole test suite
	$(PY) -m pytest -n 2

clean-data:
	rm -rf $(DATA_DIR)
