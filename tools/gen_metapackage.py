#!/usr/bin/env python3
"""Keep setup/_metapackage/pyproject.toml requiring every installable addon,
versioned <series>.<YYYYMMDD>.0 on the day that list changes (a pre-commit
hook). OCA's oca-gen-metapackage is not on PyPI; setuptools-odoo-make-default
stops at Odoo 16.0 and writes the setup/<addon>/ trees whool replaces."""

import ast
import datetime
import re
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "setup/_metapackage/pyproject.toml"
manifests = [
    ast.literal_eval(p.read_text()) | {"addon": p.parent.name}
    for p in sorted(TARGET.parents[2].glob("*/__manifest__.py"))
]
lines = [
    f'    "odoo-addon-{m["addon"]}=={m["version"][:4]}.*",\n'
    for m in manifests
    if m.get("installable", True)
]
old = TARGET.read_text()
new = re.sub(
    r"(?ms)^dependencies = \[\n.*?^\]", f"dependencies = [\n{''.join(lines)}]", old
)
if new != old:
    version = f"{lines[0].split('==')[1][:4]}.{datetime.date.today():%Y%m%d}.0"
    TARGET.write_text(re.sub(r'(?m)^version = ".*"$', f'version = "{version}"', new))
    print(f"wrote {TARGET}")
