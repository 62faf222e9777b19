PY ?= .venv/bin/python

.PHONY: check lint format test venv

venv:
	python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]'

lint:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(dir $(PY))lint-imports
	$(PY) -m mypy grow_app

format:
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

test:
	$(PY) -m pytest

check: lint test
