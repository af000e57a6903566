# `make run` and `make test` work from a fresh clone: they create .venv and install first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CLI := $(VENV)/bin/tonglaio-parse
STAMP := $(VENV)/.installed
FIXTURE := fixtures/tongliao-2026-p2.txt
CORPUS ?= ../shared/corpus/national
BASE ?= HEAD

.PHONY: run test bench accuracy golden identity lint clean install

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(CLI) parse $(FIXTURE)

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) benchmarks/bench.py --corpus $(CORPUS)

# every labelled set present (seed, national, provinces-2026): one table, the misses listed
accuracy: $(STAMP)
	$(PY) tests/accuracy.py

golden: $(STAMP)
	$(PY) tests/update_golden.py

# every output of this tree byte for byte against git revision BASE (a refactoring changes none)
identity: $(STAMP)
	$(PY) tests/identity.py --base $(BASE)

lint: $(STAMP)
	$(PY) -m pyflakes tonglaio_parse tests 2>/dev/null || true

clean:
	rm -rf $(VENV) build *.egg-info
