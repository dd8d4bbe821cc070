"""The verdict of make test-odoo (tools/test-odoo.sh), from its results in
OUT: ref.xml, default.xml, blank.xml (pytest's JUnit files of Odoo's tests
without our addons, with them and the default setup, with them and a blank
setup) and oca.log (Odoo's runner on our tests and the OCA addons').

Usage: test_odoo_report.py OUT report|enforce [all|odoo|oca]
"""

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

QUERY_COUNT = re.compile(
    r"Query count more than expected for user (\S+): (\d+) > (\d+) in (\S+) at (\S+)"
)
ODOO_RESULT = re.compile(
    r"odoo\.tests\.result: (\d+) failed, (\d+) error\(s\) of (\d+) tests"
)
ODOO_FAILURE = re.compile(r" odoo\.\S+: (?:FAIL|ERROR): (.+)$", re.MULTILINE)


def results(path):
    """``{test id: (outcome, failure text)}``; a test reported several times
    (subtests) keeps its worst outcome and all its failure texts."""
    rank = {"passed": 0, "skipped": 1, "failed": 2, "error": 3}
    found = {}
    for case in ET.parse(path).iter("testcase"):
        # pytest names Odoo's test modules after their path: keep from the
        # addon on.
        classname = re.sub(r"^.*?\baddons\.", "", case.get("classname") or "")
        test_id = f"{classname}::{case.get('name')}"
        outcome, texts = "passed", []
        for child in case:
            kind = {"failure": "failed", "error": "error", "skipped": "skipped"}.get(
                child.tag
            )
            if kind:
                if rank[kind] > rank[outcome]:
                    outcome = kind
                if kind != "skipped":
                    texts.append(f"{child.get('message') or ''}\n{child.text or ''}")
        old_outcome, old_texts = found.get(test_id, ("passed", []))
        if rank[old_outcome] > rank[outcome]:
            outcome = old_outcome
        found[test_id] = (outcome, old_texts + texts)
    return found


def failed(outcome):
    return outcome in ("failed", "error")


def only_query_counts(texts):
    """Whether every failure of a test is an exceeded query ceiling (Odoo
    reports each as a subtest of its own)."""
    return bool(texts) and all(QUERY_COUNT.search(text) for text in texts)


def main(out, mode, part="all"):
    out = Path(out)
    passed = failures = 0
    if part != "oca":
        passed, failures = odoo_suites(out, mode)
    if part != "odoo":
        more_passed, more_failures = oca_suite(out)
        passed += more_passed
        failures += more_failures
    print(f"{passed} passed, {failures} failed")
    return 1 if failures else 0


def odoo_suites(out, mode):
    ref = results(out / "ref.xml")
    passed = failures = 0

    print("== Odoo's tests, setup blank: must be Odoo's own results ==")
    blank = results(out / "blank.xml")
    for test_id in sorted(set(ref) | set(blank)):
        mine = blank.get(test_id, ("missing", []))[0]
        theirs = ref.get(test_id, ("missing", []))[0]
        if mine == theirs or (not failed(mine) and not failed(theirs)):
            passed += 1
        else:
            failures += 1
            print(f"DIFFERS {test_id}: {mine} (without our addons: {theirs})")
    odoo_failed = sorted(t for t, (o, _t) in ref.items() if failed(o))
    print(
        f"{len(blank)} tests, {len(odoo_failed)} of them fail without our addons too"
        + "".join(f"\n  (Odoo's own) {t}" for t in odoo_failed)
    )

    print("== Odoo's tests, default setup: only query ceilings may be exceeded ==")
    default = results(out / "default.xml")
    deltas = []
    for test_id, (outcome, texts) in sorted(default.items()):
        if not failed(outcome) or failed(ref.get(test_id, ("passed",))[0]):
            passed += 1
            continue
        if only_query_counts(texts):
            counts = {m.groups() for text in texts for m in QUERY_COUNT.finditer(text)}
            for user, count, expected, func, where in sorted(counts):
                deltas.append(int(count) - int(expected))
                print(
                    f"QUERIES +{int(count) - int(expected)} {test_id} "
                    f"({count} > {expected} as {user}, {where})"
                )
            if mode == "enforce":
                failures += 1
            else:
                passed += 1
        else:
            failures += 1
            first = texts[0].strip().splitlines()[0] if texts else outcome
            print(f"FAILS {test_id}: {first}")
    if deltas:
        print(
            f"{len(deltas)} ceilings exceeded, by {min(deltas)} to {max(deltas)} "
            f"queries ({'enforced' if mode == 'enforce' else 'reported, not enforced'})"
        )
    return passed, failures


def oca_suite(out):
    passed = failures = 0
    print("== Our tests with OCA mail_tracking and crm_phonecall (Odoo's runner) ==")
    log = (out / "oca.log").read_text(errors="replace")
    totals = ODOO_RESULT.findall(log)
    if len(totals) != 2:  # ours without demo data, theirs with
        failures += 1
        print(f"{len(totals)} test results in oca.log instead of 2")
    for name in sorted(set(ODOO_FAILURE.findall(log))):
        print(f"FAILS {name}")
    for bad, errors, total in ((int(n) for n in t) for t in totals):
        failures += bad + errors
        passed += total - bad - errors
        print(f"{total} tests, {bad} failed, {errors} errors")
    return passed, failures


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
