# District Affairs Graph: the two commands a newcomer needs are `make demo` and `make test`.
# Both create and use .venv themselves.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STORE ?= dkg-data
PORT ?= 8501

.PHONY: demo native test lint bench stress screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the project's requirements change.
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dashboard,neo4j,native]'
	touch $@

# Segmentation and extraction compiled by mypyc (`dkg compile`, loaders/native.py), rebuilt when
# their sources change; where it cannot be built, dkg runs them as Python, 1.3-1.45x slower.
native: $(VENV)/.installed-run
	-$(BIN)/dkg compile --if-stale

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed-run

demo: $(VENV)/.installed-run native
	$(BIN)/dkg ingest data/ --store $(STORE)
	$(BIN)/dkg stats --store $(STORE)
	@echo "Dashboard on http://127.0.0.1:$(PORT) (Ctrl-C stops it)"
	$(BIN)/dkg dashboard --store $(STORE) --port $(PORT)

# The tests run in TEST_WORKERS processes (pytest-xdist); TEST_WORKERS=0 runs them in this one.
TEST_WORKERS ?= 2

test: $(VENV)/.installed-dev native
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed-dev
	$(BIN)/pip install --quiet -e '.[bench,ner]'
	touch $@

# `make bench BENCH=--quick` for a one-minute smoke run.
bench: $(VENV)/.installed-bench native
	$(BIN)/python -m bench.run $(BENCH)

# The long reliability runs (fuzzing, SIGKILLs, big inputs); `make stress STRESS="--examples 8000"`.
stress: $(VENV)/.installed-bench
	$(BIN)/python -m bench.stress $(STRESS)

screenshots: $(VENV)/.installed-dev
	$(BIN)/python tests/dashboard/readme_screenshots.py

clean:
	rm -rf $(VENV) $(STORE) .pytest_cache loaders/_native
