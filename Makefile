# kam: two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO := demo

.PHONY: demo demo-files test install dev lint typecheck pytest bench catalogs i18n-check mutation clean lock screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.kam-installed: $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/python -m pip install -q -c requirements.lock -e .
	touch $@

$(VENV)/.kam-dev-installed: $(VENV)/.kam-installed
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[dev]'
	touch $@

install: $(VENV)/.kam-installed
dev: $(VENV)/.kam-dev-installed

DEMO_DB := sqlite:///$(DEMO)/kam-workspace.db
# the demo's users: an admin, a manager and two salespeople in two teams (printed at the end)
DEMO_LOGINS := admin/kam-demo-admin lin/kam-demo-lin chen/kam-demo-chen wang/kam-demo-wang

# everything but serving: the demo company's files, its workspace (made again from the files each time:
# demo/ is the demo's own folder) and its analysis
demo-files: install
	$(BIN)/kam demo-data --out $(DEMO)/data
	rm -f $(DEMO)/kam-workspace.db
	$(BIN)/kam workspace init --db $(DEMO_DB)
	echo kam-demo-admin | $(BIN)/kam users add admin --role admin --name 系統管理員 --password-stdin --db $(DEMO_DB)
	echo kam-demo-lin | $(BIN)/kam users add lin --role manager --team 華東 --name 林慧 --password-stdin --db $(DEMO_DB)
	echo kam-demo-chen | $(BIN)/kam users add chen --role rep --team 華東 --name 陳偉 --password-stdin --db $(DEMO_DB)
	echo kam-demo-wang | $(BIN)/kam users add wang --role rep --team 華南 --name 王强 --password-stdin --db $(DEMO_DB)
	$(BIN)/kam accounts import $(DEMO)/data/customers.csv --db $(DEMO_DB)
	$(BIN)/kam stakeholders import $(DEMO)/data/stakeholders.csv --db $(DEMO_DB)
	$(BIN)/kam needs import $(DEMO)/data/needs.csv --db $(DEMO_DB)
	$(BIN)/kam deals import $(DEMO)/data/deals.csv --db $(DEMO_DB)
	$(BIN)/kam contracts import $(DEMO)/data/contracts.csv --db $(DEMO_DB)
	$(BIN)/kam calls analyze $(DEMO)/data/calls/K002-2026-09-10-discovery.vtt --sales 陳偉 --products 冷軋板 \
		--store --account K002 --at 2026-09-10T10:00 --kind visit --db $(DEMO_DB) --lang zh-Hant
	$(BIN)/kam calls analyze $(DEMO)/data/calls/K001-2026-09-12-first-visit.vtt --sales 王强 --products 镀锌板 \
		--products 热轧卷 --store --account K001 --at 2026-09-12T14:30 --kind visit --db $(DEMO_DB) --lang zh-Hans
	$(BIN)/kam analyze $(DEMO)/data/transactions.csv --customers $(DEMO)/data/customers.csv --out $(DEMO)/out
	$(BIN)/kam accounts sync $(DEMO)/out --db $(DEMO_DB)
	@echo ""
	@echo "Open $(DEMO)/out/report.html in a browser; accounts.csv, accounts.xlsx and summary.json are beside it."
	@echo "The workspace $(DEMO)/kam-workspace.db holds the accounts with their owners, decision chains, needs,"
	@echo "deals, contracts, referrals and two coached calls:"
	@echo "  $(BIN)/kam stakeholders list --account K001 --db $(DEMO_DB)"
	@echo "  $(BIN)/kam accounts list --as chen --db $(DEMO_DB)"
	@echo "  $(BIN)/kam accounts analysis K002 --lang zh-Hant --db $(DEMO_DB)"
	@echo "Demo logins (login/password): $(DEMO_LOGINS)"

# the demo, then the workspace served at http://127.0.0.1:8000 until Ctrl-C
demo: demo-files
	@echo ""
	@echo "Serving the demo workspace at http://127.0.0.1:8000 (Ctrl-C stops it)."
	@echo "Log in as (login/password): $(DEMO_LOGINS)"
	$(BIN)/kam serve --db $(DEMO_DB) --host 127.0.0.1 --port 8000

lint: dev
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools

typecheck: dev
	$(BIN)/mypy

pytest: dev
	$(BIN)/pytest -q

test: lint typecheck pytest

bench: dev
	$(BIN)/python benchmarks/analyze_speed.py

# docs/screenshots/report-*.png: the report of the demo company in English and Traditional Chinese, as the
# browser test renders and checks it (tests/render/test_report_browser.py)
screenshots: dev
	KAM_SCREENSHOTS=$(CURDIR)/docs/screenshots $(BIN)/pytest -q tests/render/test_report_browser.py tests/web/test_analysis_browser.py -k screenshot

# Mutation testing of the rule modules (docs/testing.md); slow, so not part of `make test`. A fresh run
# each time: mutmut keeps the verdict of an unchanged function even after a test was added for it.
mutation: dev
	rm -rf mutants
	$(BIN)/mutmut run
	$(BIN)/python tools/mutation_score.py

# The message catalogs (docs/translating.md): the template and the translations follow the English
# catalog, and every catalog is compiled to the kam.mo that kam reads. i18n-check only checks them.
catalogs: dev
	$(BIN)/python -m kam.i18n.catalogs

i18n-check: dev
	$(BIN)/python -m kam.i18n.catalogs --check

lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e' > requirements.lock

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .mypy_cache .ruff_cache mutants
