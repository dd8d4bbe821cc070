#!/usr/bin/env python3
"""Translations of the addons: each addon's i18n/<addon>.pot and its .po files.

    tools/i18n.py export [ADDON...]
        Update our addons in the database (-u, --no-update to skip), regenerate
        each addon's i18n/<addon>.pot from it with Odoo's own exporter, merge
        the .pot into every i18n/<lang>.po of the addon (fi.po is created when
        missing) keeping the existing translations, and list the msgids left
        to translate.
    tools/i18n.py check [ADDON...]
        Exit 1, naming the addons and msgids, when a .pot differs from a fresh
        export of the database, or a .po has untranslated, fuzzy or obsolete
        entries, msgids that are not in the .pot, placeholders or HTML tags
        that differ from the msgid, or was not merged with the current .pot.
        The database is not changed: run it on a database where the current
        code is installed (make test does, see tests_install/).

Options (before the command):
    -c CONF  Odoo configuration file; default $IAL_ODOO_CONF, else .local/odoo.conf
             (written by make test / make run)
    -d DB    database with every addon installed, without demo data; default
             $IAL_TEST_DB, else $TEST_DB, else ial_test (make test's database)

The header dates (POT-Creation-Date, PO-Revision-Date) are written empty, so a
re-export without changes leaves the files as they are. Demo data is not
exported: the .pot is built from a database without demo, like make test's.
"""

import argparse
import ast
import difflib
import io
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))

import dbtool  # noqa: E402 (tools/ is not a package)

LANGS = ("fi",)  # .po files every addon must ship
LANG_HEADERS = {
    "fi": {
        "Language-Team": "Finnish",
        "Language": "fi",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    },
}
WRAPWIDTH = 78  # what Odoo's exporter uses (polib's default)
DATE_KEYS = ("POT-Creation-Date", "PO-Revision-Date")
DATE_LINE = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): [^"\\]*\\n"$', re.M)
# printf-style (%s, %(name)s, %d, %%) and str.format / QWeb ({name}, {{ x }})
PLACEHOLDER = re.compile(
    r"%(?:\([^)]*\))?[-#0+]*\d*(?:\.\d+)?[sdifrxXeEgGc%]|\{\{[^{}]*\}\}|\{[^{}]*\}"
)
TAG = re.compile(r"<[^<>]+>")


class I18nError(Exception):
    """A problem with the database or the files that stops the command."""


# ---------------------------------------------------------------------------
# Pure helpers (no Odoo): used by the commands and by tests_install/.


def normalize(text):
    """The file text with the volatile header dates blanked."""
    return DATE_LINE.sub(r'"\1: \\n"', text)


def _key(entry):
    return (entry.msgctxt, entry.msgid)


def _label(entry, width=100):
    msgid = entry.msgid.replace("\n", "\\n")
    if len(msgid) > width:
        msgid = msgid[: width - 3] + "..."
    where = entry.occurrences[0][0] if entry.occurrences else ""
    return f'msgid "{msgid}"' + (f"  [{where}]" if where else "")


def _entries(po):
    return [e for e in po if not e.obsolete and e.msgid]


def compare_pot(committed_text, fresh_text):
    """Differences between the committed .pot and a fresh export, as lines;
    empty when they are equal but for the header dates."""
    if committed_text is None:
        return ["missing: no .pot file"]
    if normalize(committed_text) == normalize(fresh_text):
        return []
    try:
        committed = polib.pofile(committed_text)
    except OSError as error:  # polib raises OSError on syntax errors
        return [f"cannot be parsed: {error}"]
    fresh = polib.pofile(fresh_text)
    old = {_key(e): e for e in _entries(committed)}
    new = {_key(e): e for e in _entries(fresh)}
    problems = [
        f"in the code, not in the .pot: {_label(new[k])}" for k in new if k not in old
    ]
    problems += [
        f"in the .pot, no longer in the code: {_label(old[k])}"
        for k in old
        if k not in new
    ]
    problems += [
        f"references or comments changed: {_label(new[k])}"
        for k in new
        if k in old
        and (
            new[k].occurrences != old[k].occurrences or new[k].comment != old[k].comment
        )
    ]
    return problems or ["header or layout differs from Odoo's export"]


def _metadata(pot, old_po, lang):
    metadata = dict(pot.metadata)
    metadata.update(LANG_HEADERS.get(lang, {"Language": lang}))
    if old_po is not None:
        for key in ("Last-Translator", "Language-Team", "Plural-Forms"):
            if old_po.metadata.get(key):
                metadata[key] = old_po.metadata[key]
    metadata.update(dict.fromkeys(DATE_KEYS, ""))
    return metadata


def merge(pot_text, po_text, lang):
    """Merge a .pot into a .po: the .pot's entries, in its order, with their
    references, and the .po's translations and translator comments. A msgid
    new in the .pot gets the translation of a removed msgid that looks like it
    as a fuzzy suggestion (what msgmerge does), which `check` refuses until a
    translator confirms it.

    Returns (po_text, report) where report holds lists of entries:
    new, removed, untranslated, fuzzy."""
    pot = polib.pofile(pot_text, wrapwidth=WRAPWIDTH)
    old_po = polib.pofile(po_text, wrapwidth=WRAPWIDTH) if po_text else None
    old = {_key(e): e for e in _entries(old_po)} if old_po is not None else {}
    keys = {_key(e) for e in _entries(pot)}
    removed = [e for k, e in old.items() if k not in keys]
    candidates = {e.msgid: e for e in removed if e.msgstr}

    po = polib.POFile(wrapwidth=WRAPWIDTH)
    po.header = pot.header
    po.metadata = _metadata(pot, old_po, lang)
    report = {"new": [], "removed": removed, "untranslated": [], "fuzzy": []}
    for src in _entries(pot):
        entry = polib.POEntry(
            msgid=src.msgid,
            msgctxt=src.msgctxt,
            msgstr="",
            comment=src.comment,
            occurrences=list(src.occurrences),
            flags=[f for f in src.flags if f != "fuzzy"],
        )
        previous = old.get(_key(src))
        if previous is not None:
            entry.msgstr = previous.msgstr
            entry.tcomment = previous.tcomment
            entry.flags += [f for f in previous.flags if f not in entry.flags]
            entry.previous_msgid = previous.previous_msgid
        else:
            report["new"].append(entry)
            close = difflib.get_close_matches(src.msgid, candidates, n=1, cutoff=0.8)
            if close:
                entry.msgstr = candidates[close[0]].msgstr
                entry.flags.append("fuzzy")
                entry.previous_msgid = close[0]
        if "fuzzy" not in entry.flags:
            entry.previous_msgid = None
        po.append(entry)
        if not entry.msgstr:
            report["untranslated"].append(entry)
        elif "fuzzy" in entry.flags:
            report["fuzzy"].append(entry)
    return normalize(str(po)), report


def check_po(pot_text, po_text, lang):
    """Problems of a .po against its (current) .pot, as lines."""
    if po_text is None:
        return ["missing"]
    try:
        po = polib.pofile(po_text)
    except OSError as error:
        return [f"cannot be parsed: {error}"]
    pot_keys = {_key(e) for e in _entries(polib.pofile(pot_text))}
    problems = []
    seen = set()
    for entry in po:
        if entry.obsolete:
            problems.append(f"obsolete entry (remove it): {_label(entry)}")
            continue
        if not entry.msgid:
            continue
        seen.add(_key(entry))
        if _key(entry) not in pot_keys:
            problems.append(f"not in the .pot: {_label(entry)}")
        elif not entry.msgstr:
            problems.append(f"untranslated: {_label(entry)}")
        elif "fuzzy" in entry.flags:
            problems.append(
                f"fuzzy (review, then drop the fuzzy flag): {_label(entry)}"
            )
        else:
            if Counter(PLACEHOLDER.findall(entry.msgid)) != Counter(
                PLACEHOLDER.findall(entry.msgstr)
            ):
                problems.append(f"placeholders differ from the msgid: {_label(entry)}")
            if Counter(TAG.findall(entry.msgid)) != Counter(TAG.findall(entry.msgstr)):
                problems.append(f"HTML tags differ from the msgid: {_label(entry)}")
    missing = pot_keys - seen
    problems += [
        f"untranslated (not in the .po): {_label(e)}"
        for e in _entries(polib.pofile(pot_text))
        if _key(e) in missing
    ]
    if not problems and merge(pot_text, po_text, lang)[0] != normalize(po_text):
        problems.append(
            "not merged with the current .pot (references, order or header differ)"
        )
    return problems


# ---------------------------------------------------------------------------
# The repository's addons and files


def repo_addons():
    """Installable addons of the repository (top-level dirs with a manifest)."""
    names = []
    for manifest_path in sorted(REPO.glob("*/__manifest__.py")):
        manifest = ast.literal_eval(manifest_path.read_text())
        if manifest.get("installable", True):
            names.append(manifest_path.parent.name)
    return names


def pot_path(addon):
    return REPO / addon / "i18n" / f"{addon}.pot"


def po_paths(addon):
    """{lang: path} of the addon's .po files, the required languages included."""
    i18n = REPO / addon / "i18n"
    paths = {lang: i18n / f"{lang}.po" for lang in LANGS}
    paths.update({p.stem: p for p in sorted(i18n.glob("*.po"))})
    return paths


def _read(path):
    return path.read_text(encoding="utf-8") if path.is_file() else None


def _write(path, text):
    """Write text when it differs from the file; True when written."""
    if _read(path) == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


# ---------------------------------------------------------------------------
# Odoo side


def _relative(path):
    try:
        return str(Path(path).relative_to(REPO))
    except ValueError:
        return str(path)


def update_database(conf, db, addons):
    """Install or update our addons so the database holds the current code."""
    if dbtool.exists(conf, db):
        states = dbtool.module_states(conf, db, addons)
        missing = [a for a, state in states.items() if state != "installed"]
        args = ["-u", ",".join(addons)] + (["-i", ",".join(missing)] if missing else [])
    else:
        # The apps our glue addons extend, so each of them is installed.
        apps = set()
        for addon in addons:
            manifest = ast.literal_eval((REPO / addon / "__manifest__.py").read_text())
            apps.update(manifest.get("depends", []))
        args = ["-i", ",".join(sorted(apps - set(addons)) + addons)]
    cmd = [sys.executable, "-m", "odoo", "-c", conf, "-d", db, *args]
    cmd += ["--without-demo=all", "--stop-after-init", "--no-http", "--log-level=warn"]
    print(f"==> updating {db}: odoo {' '.join(args)}", file=sys.stderr, flush=True)
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    output = proc.stdout + proc.stderr
    if proc.returncode or re.search(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ", output, re.M):
        tail = "\n".join(output.splitlines()[-30:])
        raise I18nError(f"updating {db} failed (exit {proc.returncode}):\n{tail}")


def fresh_exports(conf, db, addons):
    """{addon: .pot text} exported by Odoo from the database, dates blanked."""
    # Imported here: the pure helpers above are used without Odoo.
    import odoo
    from odoo.tools import config
    from odoo.tools.translate import PoFileWriter, TranslationModuleReader

    config.parse_config(["-c", conf, "--log-level=warn"])
    odoo.netsvc.init_logger()
    if not dbtool.exists(conf, db):
        raise I18nError(f"database {db} does not exist (run make test, or export)")
    states = dbtool.module_states(conf, db, addons)
    missing = sorted(a for a, state in states.items() if state != "installed")
    if missing:
        raise I18nError(f"not installed in {db}: {', '.join(missing)}")
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        cr.execute(
            "SELECT name FROM ir_module_module WHERE demo AND name = ANY(%s)", [addons]
        )
        demo = sorted(name for (name,) in cr.fetchall())
        if demo:
            raise I18nError(
                f"{db} has demo data for {', '.join(demo)}: export from a "
                "database without demo (demo records are not translated)"
            )
        # One scan for all addons, one file per addon: what Odoo's
        # --i18n-export --modules=<addon> writes, addon by addon.
        rows = defaultdict(list)
        for row in TranslationModuleReader(cr, modules=addons):
            rows[row[0]].append(row)
    result = {}
    for addon in addons:
        buffer = io.BytesIO()
        PoFileWriter(buffer, lang=None).write_rows(rows[addon])
        result[addon] = normalize(buffer.getvalue().decode())
    return result


# ---------------------------------------------------------------------------
# Commands


def cmd_export(conf, db, addons, update=True):
    if update:
        update_database(conf, db, addons)
    exports = fresh_exports(conf, db, addons)
    todo = 0
    for addon in addons:
        pot_text = exports[addon]
        path = pot_path(addon)
        old_pot = _read(path)
        changed = compare_pot(old_pot, pot_text) if old_pot is not None else []
        if _write(path, pot_text):
            print(f"{_relative(path)}: written ({len(changed)} change(s))")
        count = len(_entries(polib.pofile(pot_text)))
        for lang, po_path in po_paths(addon).items():
            po_text, report = merge(pot_text, _read(po_path), lang)
            written = _write(po_path, po_text)
            done = count - len(report["untranslated"]) - len(report["fuzzy"])
            print(
                f"{addon}: {count} msgids; {lang}.po {done} translated, "
                f"{len(report['untranslated'])} untranslated, "
                f"{len(report['fuzzy'])} fuzzy"
                f"{' (written)' if written else ''}"
            )
            for entry in report["removed"]:
                print(f"  removed from {lang}.po: {_label(entry)}")
                if entry.msgstr:
                    print(f'      its translation was: "{entry.msgstr}"')
            for entry in report["fuzzy"]:
                print(f"  FUZZY in {_relative(po_path)}: {_label(entry)}")
                print(f'      suggested: "{entry.msgstr}"')
            for entry in report["untranslated"]:
                print(f"  UNTRANSLATED in {_relative(po_path)}: {_label(entry)}")
            todo += len(report["untranslated"]) + len(report["fuzzy"])
    if todo:
        print(f"{todo} msgid(s) to translate: edit the .po files above, then run check")
    else:
        print("all translations complete")
    return 0


def cmd_check(conf, db, addons):
    exports = fresh_exports(conf, db, addons)
    failures = {}
    total = 0
    for addon in addons:
        problems = []
        pot_text = exports[addon]
        total += len(_entries(polib.pofile(pot_text)))
        pot_file = _relative(pot_path(addon))
        problems += [
            f"{pot_file}: {p}" for p in compare_pot(_read(pot_path(addon)), pot_text)
        ]
        # Check the .po files against the fresh export: a stale .pot is reported
        # above already, and the .po must match the code, not the stale file.
        for po_path in po_paths(addon).values():
            lang = po_path.stem
            problems += [
                f"{_relative(po_path)}: {p}"
                for p in check_po(pot_text, _read(po_path), lang)
            ]
        if problems:
            failures[addon] = problems
    if failures:
        count = sum(len(p) for p in failures.values())
        print(f"i18n check FAILED: {count} problem(s) in {', '.join(failures)}")
        for addon, problems in failures.items():
            print(f"{addon}:")
            for problem in problems:
                print(f"  {problem}")
        print("fix: python3 tools/i18n.py export, then translate what it lists")
        return 1
    print(
        f"i18n check passed: {len(addons)} addons, {total} msgids, .pot files "
        f"current, {', '.join(f'{lang}.po' for lang in LANGS)} complete"
    )
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    default_conf = os.environ.get("IAL_ODOO_CONF") or str(REPO / ".local/odoo.conf")
    default_db = (
        os.environ.get("IAL_TEST_DB") or os.environ.get("TEST_DB") or "ial_test"
    )
    parser.add_argument("-c", "--config", default=default_conf)
    parser.add_argument("-d", "--database", default=default_db)
    sub = parser.add_subparsers(dest="command", required=True)
    export = sub.add_parser("export", help="regenerate .pot files, merge .po files")
    export.add_argument(
        "--no-update", action="store_true", help="do not update the database first"
    )
    export.add_argument("addons", nargs="*")
    check = sub.add_parser("check", help="fail on stale .pot or incomplete .po")
    check.add_argument("addons", nargs="*")
    args = parser.parse_args(argv)

    known = repo_addons()
    unknown = [a for a in args.addons if a not in known]
    if unknown:
        parser.error(f"not addons of this repository: {', '.join(unknown)}")
    addons = args.addons or known
    if not Path(args.config).is_file():
        parser.error(f"no Odoo configuration {args.config} (run make test, or pass -c)")
    try:
        if args.command == "export":
            return cmd_export(args.config, args.database, addons, not args.no_update)
        return cmd_check(args.config, args.database, addons)
    except I18nError as error:
        print(f"i18n {args.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
