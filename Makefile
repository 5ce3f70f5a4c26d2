# Everything a fresh clone needs: `make extract`, `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Extras the test suite exercises (optional engines and backends are tested, so CI installs them).
EXTRAS := dev,dask,hanlp,spacy,examples

.PHONY: setup extract test tests-deps eval lint bench ner-eval clean normalization bench-amounts

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[$(EXTRAS)]'
	touch $(STAMP)

setup: $(STAMP)

extract: $(STAMP)
	$(BIN)/python -m pipeline extract seeds -o outputs --metadata seeds/metadata.csv

eval: $(STAMP)
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
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_pipeline.py

# ORG span F1 on ../shared/external/ner (MSRA, People's Daily): NER backend alone vs. backend + organization layer
# (benchmarks/results/ner_external.txt). NER_N=0 runs the full sets.
NER_N ?= 0
ner-eval: $(STAMP)
	$(BIN)/python benchmarks/ner_external.py --n $(NER_N)

# Amounts/dates against the external normalization suites (Recognizers-Text, cn2an), report kept.
normalization: $(STAMP)
	$(BIN)/python benchmarks/normalization_report.py > benchmarks/results/normalization.txt
	head -12 benchmarks/results/normalization.txt

# Throughput of the amounts + dates stages on ../shared/corpus.
bench-amounts: $(STAMP)
	$(BIN)/python benchmarks/bench_amounts_dates.py | tee benchmarks/results/amounts_dates.txt
