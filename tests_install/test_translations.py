"""Every addon ships a current .pot (regenerated as make i18n does) and a full fi.po."""

import polib
import pytest
from conftest import REPO, lib

ADDONS = sorted(path.parent.name for path in REPO.glob("*/__manifest__.py"))


def _i18n_files():
    return {path: path.read_bytes() for path in REPO.glob("*/i18n/*") if path.is_file()}


def test_i18n_files_current():
    before = _i18n_files()
    lib('TEST_DB="${IAL_TEST_DB:?is not set: run make test}" NO_UPDATE=1 tools/i18n.sh')
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
