PY ?= .venv/bin/python
# As in .ci/run: mypy over everything but grow_app/ui until the ui's own errors are fixed
# (then: mypy grow_app).
MYPY_PACKAGES = grow_app/cli grow_app/export grow_app/services grow_app/store grow_app/card \
	grow_app/i18n grow_app/*.py

.PHONY: check lint format test venv

venv:
	python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]'

lint:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(dir $(PY))lint-imports
	$(PY) -m mypy --follow-imports=silent $(MYPY_PACKAGES)

format:
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

test:
	$(PY) -m pytest

check: lint test
