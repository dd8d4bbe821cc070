"""Every addon ships a current .pot and a complete Finnish fi.po.

Plain pytest, run by ``make test`` after every addon was installed without
demo data in IAL_TEST_DB. The first test regenerates the files as ``make
i18n`` does (click-odoo-makepot and msgmerge, tools/i18n.sh) and fails when
that changed any of them: a string, field label or view text changed and the
files were not regenerated. The files are then left regenerated, to be
reviewed with ``git diff -- '*/i18n/*'`` and committed.
"""

import os
import subprocess

import polib
import pytest
from conftest import REPO, RUN

ADDONS = sorted(path.parent.name for path in REPO.glob("*/__manifest__.py"))


def _i18n_files():
    return {path: path.read_bytes() for path in REPO.glob("*/i18n/*") if path.is_file()}


def test_i18n_files_current():
    database = os.environ.get("IAL_TEST_DB")
    if not database:
        pytest.fail("IAL_TEST_DB is not set: run with `make test`")
    before = _i18n_files()
    env = dict(os.environ, TEST_DB=database, NO_UPDATE="1")
    proc = subprocess.run([REPO / "tools" / "i18n.sh"], env=env, **RUN)
    assert proc.returncode == 0, f"tools/i18n.sh failed:\n{proc.stdout}{proc.stderr}"
    after = _i18n_files()
    changed = [str(p.relative_to(REPO)) for p in after if before.get(p) != after[p]]
    changed += [str(p.relative_to(REPO)) for p in before.keys() - after.keys()]
    assert not changed, (
        f"translation files were not current: {', '.join(changed)}; they are now "
        "regenerated: review them (git diff -- '*/i18n/*'), translate, commit"
    )


@pytest.mark.parametrize("addon", ADDONS)
def test_fi_po_complete(addon):
    path = REPO / addon / "i18n" / "fi.po"
    assert path.is_file(), f"{addon} has no i18n/fi.po: run make i18n"
    po = polib.pofile(str(path))
    todo = [f"untranslated: {entry.msgid!r}" for entry in po.untranslated_entries()]
    todo += [f"fuzzy: {entry.msgid!r}" for entry in po.fuzzy_entries()]
    assert not todo, f"{path.relative_to(REPO)}:\n" + "\n".join(todo)
