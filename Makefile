# guichets — two commands: `make run` (install and serve) and `make test` (install and test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint golden bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/guichets serve

test: $(STAMP)
	$(BIN)/ruff check api seed tests bench
	$(BIN)/mypy api seed
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check api seed tests bench
	$(BIN)/ruff format --check api seed tests bench
	$(BIN)/mypy api seed

# Regenerate the opening_hours.js reference answers (needs Node.js and npm).
golden:
	cd tools/golden && npm ci --silent && TZ=Europe/Brussels node generate.mjs > ../../tests/golden/opening_hours_js.json

bench: $(STAMP)
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) data
