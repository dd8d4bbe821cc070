"""Every addon ships a current .pot and a complete Finnish fi.po.

Plain pytest (run by ``make test`` with ``-p no:odoo``, after the addons were
installed without demo into IAL_TEST_DB). ``test_translations_current`` runs
``tools/i18n.py check`` against that database: it fails when a .pot is out of
date with the code (a new or changed string, field label, view text …) or a
.po has untranslated, fuzzy or unknown entries. The other tests pin down the
checker itself on small files, without a database.

Environment (set by tools/test.sh): IAL_ODOO_CONF, the Odoo configuration
file; IAL_TEST_DB, the database where every addon of the repository is
installed.
"""

import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))

import i18n  # noqa: E402

HEADER = """# Translation of Odoo Server.
# This file contains the translation of the following modules:
# \t* demo_addon
#
msgid ""
msgstr ""
"Project-Id-Version: Odoo Server 18.0\\n"
"Report-Msgid-Bugs-To: \\n"
"POT-Creation-Date: {date}\\n"
"PO-Revision-Date: {date}\\n"
"Last-Translator: \\n"
"Language-Team: \\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: \\n"
"Plural-Forms: \\n"
"""


def entry(msgid, where="model:ir.model.fields,field_description:demo_addon.f"):
    return f"""
#. module: demo_addon
#: {where}
msgid "{msgid}"
msgstr ""
"""


def pot(*msgids, date="2025-01-01 10:00+0000"):
    return HEADER.format(date=date) + "".join(entry(m) for m in msgids)


def translated(po_text, **overrides):
    """The .po text with every msgid translated (upper-cased) or as given."""
    po = polib.pofile(po_text)
    for item in po:
        item.msgstr = overrides.get(item.msgid, item.msgid.upper())
    return str(po)


def test_translations_current():
    """The shipped .pot files match a fresh export, fi.po files are complete."""
    conf = os.environ.get("IAL_ODOO_CONF")
    database = os.environ.get("IAL_TEST_DB")
    if not conf or not database:
        pytest.fail("IAL_ODOO_CONF/IAL_TEST_DB are not set: run with `make test`")
    proc = subprocess.run(
        [sys.executable, str(REPO / "tools" / "i18n.py"), "-c", conf, "-d", database]
        + ["check"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if proc.returncode:
        pytest.fail(f"tools/i18n.py check failed:\n{proc.stdout}{proc.stderr}")
    assert "i18n check passed" in proc.stdout


def test_header_dates_are_ignored():
    assert (
        i18n.compare_pot(pot("Cost"), pot("Cost", date="2030-06-06 06:06+0000")) == []
    )
    # and written empty, so a re-export without changes leaves no diff
    assert '"POT-Creation-Date: \\n"' in i18n.normalize(pot("Cost"))


def test_stale_pot_names_the_msgids():
    problems = i18n.compare_pot(pot("Cost", "Old label"), pot("Cost", "New label"))
    assert any(
        "in the code, not in the .pot" in p and "New label" in p for p in problems
    )
    assert any("no longer in the code" in p and "Old label" in p for p in problems)
    assert i18n.compare_pot(None, pot("Cost")) == ["missing: no .pot file"]


def test_moved_string_is_stale():
    moved = HEADER.format(date="") + entry(
        "Cost", where="code:addons/demo_addon/x.py:0"
    )
    problems = i18n.compare_pot(pot("Cost"), moved)
    assert problems and "references or comments changed" in problems[0]


def test_merge_keeps_translations_and_adds_new_msgids():
    po_text, _report = i18n.merge(pot("Cost", "Duration"), None, "fi")
    po_text = translated(po_text, Cost="Kustannus", Duration="Kesto")
    merged, report = i18n.merge(pot("Cost", "Duration", "Evaluation"), po_text, "fi")
    po = {e.msgid: e for e in polib.pofile(merged)}
    assert po["Cost"].msgstr == "Kustannus"
    assert po["Duration"].msgstr == "Kesto"
    assert po["Evaluation"].msgstr == ""
    assert [e.msgid for e in report["untranslated"]] == ["Evaluation"]
    assert [e.msgid for e in report["new"]] == ["Evaluation"]
    assert polib.pofile(merged).metadata["Language"] == "fi"
    # merging again changes nothing
    assert i18n.merge(pot("Cost", "Duration", "Evaluation"), merged, "fi")[0] == merged


def test_merge_drops_removed_msgids_and_suggests_fuzzy():
    po_text = translated(i18n.merge(pot("Delete canceled entries"), None, "fi")[0])
    merged, report = i18n.merge(pot("Delete canceled entries now"), po_text, "fi")
    assert [e.msgid for e in report["removed"]] == ["Delete canceled entries"]
    (item,) = polib.pofile(merged)
    assert "fuzzy" in item.flags
    assert item.msgstr == "DELETE CANCELED ENTRIES"
    assert item.previous_msgid == "Delete canceled entries"


def test_check_po_complete():
    po_text = translated(i18n.merge(pot("Cost", "Duration"), None, "fi")[0])
    assert i18n.check_po(pot("Cost", "Duration"), po_text, "fi") == []


def test_check_po_problems():
    template = pot("Cost", "Duration", "%(name)s is <b>late</b>")
    po_text = i18n.merge(template, None, "fi")[0]
    po = polib.pofile(
        translated(po_text, Duration="", **{"%(name)s is <b>late</b>": "myöhässä"})
    )
    po[0].flags.append("fuzzy")
    extra = polib.POEntry(msgid="Gone", msgstr="Poissa", occurrences=[("x", None)])
    po.append(extra)
    problems = i18n.check_po(template, str(po), "fi")
    text = "\n".join(problems)
    assert 'fuzzy (review, then drop the fuzzy flag): msgid "Cost"' in text
    assert 'placeholders differ from the msgid: msgid "%(name)s' in text
    assert 'untranslated: msgid "Duration"' in text
    assert 'not in the .pot: msgid "Gone"' in text
    assert i18n.check_po(template, None, "fi") == ["missing"]


def test_check_po_placeholders_and_tags():
    template = pot("%(name)s is <b>late</b>", "%s days")
    po_text = i18n.merge(template, None, "fi")[0]
    bad = translated(
        po_text,
        **{"%(name)s is <b>late</b>": "%(nimi)s on myöhässä", "%s days": "päivää"},
    )
    problems = "\n".join(i18n.check_po(template, bad, "fi"))
    assert "placeholders differ" in problems and "HTML tags differ" in problems
    assert problems.count("placeholders differ") == 2
    good = translated(
        po_text,
        **{
            "%(name)s is <b>late</b>": "%(name)s on <b>myöhässä</b>",
            "%s days": "%s päivää",
        },
    )
    assert i18n.check_po(template, good, "fi") == []


def test_every_addon_ships_its_files():
    missing = [
        str(path.relative_to(REPO))
        for addon in i18n.repo_addons()
        for path in (i18n.pot_path(addon), *i18n.po_paths(addon).values())
        if not path.is_file()
    ]
    assert not missing, f"missing translation files: {missing}"
