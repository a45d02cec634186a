# Debt Recovery for Odoo: developer commands. Each one installs what it needs first.
.PHONY: demo test lint test-engine bootstrap bench clean

VENV ?= .venv

demo:  ## database debt_recovery_demo with demo data, Odoo on http://localhost:8069
	bash setup/demo.sh

test:  ## lint + every test on a fresh database
	bash setup/test.sh

lint:
	bash setup/lint.sh

test-engine:  ## the pure engines and the source rules, no database
	$(VENV)/bin/python -m pytest -p no:cacheprovider -p no:odoo -q tests/engine

bootstrap:
	bash setup/bootstrap.sh

bench:  ## benchmarks (not part of the tests)
	bash setup/bench.sh

clean:
	rm -rf .venv .odoo.conf .odoo-env .odoo-data .logs
