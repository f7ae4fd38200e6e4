# guichets — two commands: `make run` (install and serve) and `make test` (install and test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint golden vendor-reference bench clean openapi-snapshot messages screenshots

# Serving needs the package and its dependencies only; the test tools (pytest, schemathesis,
# Playwright, mypy...) are installed by `make test` alone.
RUN_STAMP := $(VENV)/.installed-run
STAMP := $(VENV)/.installed-dev

$(RUN_STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e .
	touch $(RUN_STAMP)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(RUN_STAMP) $(STAMP)

run: $(RUN_STAMP)
	$(BIN)/guichets serve

# The suite runs on SQLite, then again on PostgreSQL when one answers at $(TEST_POSTGRES_URL)
# (CI sets GUICHETS_REQUIRE_POSTGRES=1 so that a missing server fails instead of skipping).
TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

test: $(STAMP)
	$(BIN)/ruff check api seed tests bench
	$(BIN)/mypy api seed bench
	$(BIN)/pytest -q
	@if $(BIN)/python -m tests.pg_available "$(TEST_POSTGRES_URL)"; then \
		echo "--- the same suite on PostgreSQL ($(TEST_POSTGRES_URL))"; \
		GUICHETS_TEST_DATABASE_URL="$(TEST_POSTGRES_URL)" $(BIN)/pytest -q; \
	elif [ -n "$$GUICHETS_REQUIRE_POSTGRES" ]; then \
		echo "PostgreSQL required but not reachable at $(TEST_POSTGRES_URL)"; exit 1; \
	else \
		echo "--- PostgreSQL not reachable at $(TEST_POSTGRES_URL): suite ran on SQLite only"; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check api seed tests bench
	$(BIN)/ruff format --check api seed tests bench
	$(BIN)/mypy api seed

# Regenerate the opening_hours.js reference answers (needs Node.js and npm).
golden:
	cd tools/golden && npm ci --silent && TZ=Europe/Brussels node generate.mjs > ../../tests/golden/opening_hours_js.json

# Copy the pinned opening_hours.js bundle (and suncalc) that the service runs in-process
# (api/hours/vendor/README.md; needs Node.js and npm, only when the pinned version changes).
vendor-reference:
	cd tools/golden && npm ci --silent
	cp tools/golden/node_modules/opening_hours/build/opening_hours.js api/hours/vendor/opening_hours.js
	cp tools/golden/node_modules/opening_hours/LICENSES/LGPL-3.0-only.txt api/hours/vendor/opening_hours.LGPL-3.0-only.txt
	cp tools/golden/node_modules/opening_hours/LICENSES/ODbL-1.0.txt api/hours/vendor/opening_hours.ODbL-1.0.txt
	cp tools/golden/node_modules/suncalc/suncalc.cjs api/hours/vendor/suncalc.cjs
	cp tools/golden/node_modules/suncalc/LICENSE api/hours/vendor/suncalc.LICENSE

# After a deliberate change of the API contract: refresh the snapshot the tests compare with.
openapi-snapshot: $(STAMP)
	$(BIN)/python -m tests.snapshot_openapi > tests/snapshots/openapi.json

bench: $(STAMP)
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) data

# After changing an interface text in api/templates or api/pages: refresh the catalogues, then
# translate the new entries in api/locales/{fr,nl}/LC_MESSAGES/messages.po.
messages: $(STAMP)
	$(BIN)/pybabel extract -F api/locales/babel.cfg -k w_ --sort-by-file -o api/locales/messages.pot .
	$(BIN)/pybabel update -i api/locales/messages.pot -d api/locales -D messages --no-fuzzy-matching

# The README's screenshots: the browser tests take them (tests/browser/artifacts), this keeps
# one of each page (the questions of tests/browser/test_true_answers.py where they show them).
screenshots: $(STAMP)
	$(BIN)/pytest -q -p no:cacheprovider tests/browser/test_pages.py tests/browser/test_true_answers.py \
		tests/browser/test_accounts.py tests/browser/test_edit_pages.py tests/browser/test_hours_editor.py \
		tests/browser/test_reports.py tests/browser/test_verification.py tests/browser/test_incidents.py \
		tests/browser/test_observatory.py tests/browser/test_human_access.py
	for name in accounts-admin accounts-login-refused edit-merge edit-history hours-editor \
		reports-form reports-queue verification-campaigns incidents-review human-access; do \
		cp tests/browser/artifacts/$$name.png docs/screenshots/$$name.png; done
	cp tests/browser/artifacts/true-answers-anderlecht.png docs/screenshots/search.png
	cp tests/browser/artifacts/true-answers-lines-schaerbeek.png docs/screenshots/lines.png
	cp tests/browser/artifacts/place.png docs/screenshots/place.png
	cp tests/browser/artifacts/true-answers-slip-unknown.png docs/screenshots/referral.png
