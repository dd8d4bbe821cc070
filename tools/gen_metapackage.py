#!/usr/bin/env python3
"""Keep setup/_metapackage/pyproject.toml requiring every installable addon,
versioned <series>.<YYYYMMDD>.0 on the day that list changes (a pre-commit
hook). OCA's oca-gen-metapackage is not on PyPI; setuptools-odoo-make-default
stops at Odoo 16.0 and writes the setup/<addon>/ trees whool replaces."""

import ast
import datetime
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET, lines = REPO / "setup/_metapackage/pyproject.toml", ""
for path in sorted(REPO.glob("*/__manifest__.py")):
    manifest = ast.literal_eval(path.read_text())
    if manifest.get("installable", True):
        series = manifest["version"][:4]
        lines += f'    "odoo-addon-{path.parent.name}=={series}.*",\n'
old = TARGET.read_text()
new = re.sub(r"(?ms)^dependencies = \[\n.*?^\]", f"dependencies = [\n{lines}]", old)
if new != old:
    version = f'version = "{series}.{datetime.date.today():%Y%m%d}.0"'
    TARGET.write_text(re.sub(r'(?m)^version = ".*"$', version, new))
    print(f"wrote {TARGET}")
