#!/usr/bin/env bash
# Keep setup/_metapackage/pyproject.toml requiring every installable addon that
# manifestoo finds, versioned <series>.<YYYYMMDD>.0 on the day that list changes
# (a pre-commit hook). OCA's oca-gen-metapackage is not on PyPI;
# setuptools-odoo-make-default stops at Odoo 16.0.
set -euo pipefail
cd "$(dirname "$0")/.." && f=setup/_metapackage/pyproject.toml
series="$(sed -nE 's/^version = "([0-9]+\.[0-9]+)\..*/\1/p' "$f")"
deps="$(manifestoo --no-addons-path-from-import-odoo -d . list --separator $'\n' | sed "s/.*/    \"odoo-addon-&==$series.*\",/")"
new="$(awk -v deps="$deps" '/^dependencies = \[/ {print; print deps; skip = 1; next} /^\]/ {skip = 0} !skip' "$f")"
[ "$new" = "$(cat "$f")" ] || { sed -E "s/^(version = \"$series\.)[0-9]+/\1$(date +%Y%m%d)/" <<<"$new" >"$f" && echo "wrote $f"; }
