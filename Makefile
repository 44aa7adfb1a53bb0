# Two entry points: `make demo` and `make test`. Both build .venv/ from this repository's own files.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DB ?= examples.db

.PHONY: install demo test lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/marsad ingest --db $(DEMO_DB) examples/
	$(BIN)/marsad list --db $(DEMO_DB)
	$(BIN)/marsad entities --db $(DEMO_DB) --limit 10
	$(BIN)/marsad quotes --db $(DEMO_DB) --limit 5
	$(BIN)/marsad events --db $(DEMO_DB) --limit 5
	$(BIN)/marsad stories --db $(DEMO_DB) --min-sources 2 --limit 5

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/ingest_saudinewsnet.py
	$(BIN)/python benchmarks/analyze_saudinewsnet.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm build src/*.egg-info
