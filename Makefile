# Everything a fresh clone needs: `make extract`, `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two stamps: the core install (LAC, Arrow, pandas: all `extract` needs) and the test install (the
# extras the test suite exercises: optional engines and backends are tested, so CI installs them).
# The test stamp also marks the core as installed, so `make test` then `make extract` installs nothing.
CORE := $(VENV)/.installed-core
STAMP := $(VENV)/.installed-test
EXTRAS := dev,dask,hanlp,spacy,examples,sql

.PHONY: setup extract test tests-deps eval lint bench ner-eval clean normalization bench-amounts

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# --no-compile: bytecode is written only for the modules a run imports (about 100 MB less: the
# dependencies' tests and unused submodules are never compiled).
$(CORE): pyproject.toml setup.py constraints.txt | $(BIN)/python
	$(BIN)/pip install -q --no-compile -c constraints.txt -e .
	touch $(CORE)

$(STAMP): pyproject.toml setup.py constraints.txt | $(BIN)/python
	$(BIN)/pip install -q -c constraints.txt -e '.[$(EXTRAS)]'
	touch $(STAMP) $(CORE)

setup: $(STAMP)

# compileall: this machine sets PYTHONDONTWRITEBYTECODE, so without it every worker compiled the
# pipeline's ~80 modules again at start (0.12 s each); bytecode written here is only read. A checkout
# where it cannot be written still extracts (the leading - ignores that failure: it only costs speed).
extract: $(CORE)
	-$(BIN)/python -m compileall -q pipeline
	$(BIN)/python -m pipeline extract seeds -o outputs --metadata seeds/metadata.csv

eval: $(CORE)
	$(BIN)/python -m pipeline eval tests/gold outputs

test: $(STAMP) tests-deps
	$(BIN)/python -m pytest -q

# System packages some tests use: headless Chromium renders the review page (tests/test_review.py
# skips without it) and a CJK font makes its screenshot legible. Installed only when missing and root.
tests-deps:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-microhei) || echo "chromium missing (not root): the review rendering test will be skipped"; }
	@fc-list :lang=zh 2>/dev/null | grep -q . || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq fonts-wqy-microhei || true; }

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests examples benchmarks

clean:
	rm -rf outputs/*.parquet outputs/*/ outputs/_manifest.json .pytest_cache

# Throughput, docs/s and worker peak RSS on ../shared/corpus (outputs/bench.json, copy kept in benchmarks/results/).
bench: $(CORE)
	-$(BIN)/python -m compileall -q pipeline
	$(BIN)/python benchmarks/bench_pipeline.py

# ORG span F1 on ../shared/external/ner (MSRA, People's Daily): NER backend alone vs. backend + organization layer
# (benchmarks/results/ner_external.txt). NER_N=0 runs the full sets.
NER_N ?= 0
ner-eval: $(CORE)
	$(BIN)/python benchmarks/ner_external.py --n $(NER_N)

# Amounts/dates against the external normalization suites (Recognizers-Text, cn2an), report kept.
normalization: $(CORE)
	$(BIN)/python benchmarks/normalization_report.py > benchmarks/results/normalization.txt
	head -12 benchmarks/results/normalization.txt

# Throughput of the amounts + dates stages on ../shared/corpus.
bench-amounts: $(CORE)
	$(BIN)/python benchmarks/bench_amounts_dates.py | tee benchmarks/results/amounts_dates.txt
