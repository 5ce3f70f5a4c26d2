# Everything a fresh clone needs: `make extract`, `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup extract test eval lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,hanlp,spacy]'
	touch $(STAMP)

setup: $(STAMP)

extract: $(STAMP)
	$(BIN)/python -m pipeline extract seeds -o outputs --metadata seeds/metadata.csv

eval: $(STAMP)
	$(BIN)/python -m pipeline eval tests/gold outputs

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests

clean:
	rm -rf outputs/*.parquet outputs/*/ .pytest_cache
