#!/usr/bin/env bash
# make test-odoo: Odoo's own tests of what we override (pytest-odoo) on one
# database: without our addons (ref), with them (default setup: only Odoo's
# query ceilings may be exceeded, listed; DEFAULT_SETUP=enforce: none), with the
# setup blank (must be ref's results: we add no query); then ours and OCA's
# tests (Odoo's runner) beside mail_tracking and crm_phonecall, installed into
# .local/test-odoo/, and theirs alone (what fails there is not ours to count).
# QUICK=1 (CI): see README. Ends: N passed, F failed.
source "$(dirname "${BASH_SOURCE[0]}")/odoo-env.sh"
DB="${TEST_DB:-ial_test}_odoo" OUT="$LOCAL_DIR/test-odoo" REQ="$REPO_ROOT/requirements-test-odoo.txt"
mkdir -p "$OUT" && t0=$(date +%s)
"$REPO_ROOT/tools/setup.sh" chromium
odoo_ensure
"$REPO_ROOT/tools/pg.sh" start
mapfile -t ours < <(all_addons)

site="$OUT/site-$(_sha "$REQ" | cut -c1-12)"
if [ ! -f "$site/.ial-complete" ]; then # the wheels require odoo==18.0.*: ours must do
    { "$PYTHON" -m pip install -q --dry-run --report "$OUT/pip.json" -r "$REQ" &&
        ! grep -q '"name": "odoo"' "$OUT/pip.json" && rm -rf "$site" &&
        "$PYTHON" -m pip install -q --no-deps --target "$site" -r "$REQ"; } >"$OUT/pip.log" 2>&1 ||
        { tail -n 20 "$OUT/pip.log" >&2; die "pip cannot add $REQ to this Odoo (see $OUT/pip.*)"; }
    # An odoo/ directory on the path would hide the virtualenv's Odoo.
    mv "$site/odoo/addons" "$site/oca-addons" && rm -rf "$site/odoo" && touch "$site/.ial-complete"
fi
export PYTHONPATH="$site${PYTHONPATH:+:$PYTHONPATH}" EXTRA_ADDONS_DIRS="$site/oca-addons"
ODOO_CONF="$OUT/odoo.conf"
# A free port of its own: a `make run` or another test run may hold 8069.
HTTP_PORT="${HTTP_PORT:-$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
write_odoo_conf
mapfile -t with_oca < <(all_addons) # ours, the OCA addons, their glue

A="$ODOO_ROOT/addons" M="$ODOO_ROOT/addons/test_mail/tests"
tests="$M/test_performance.py $A/test_mail_sms/tests/test_sms_performance.py
    $M/test_mail_composer.py::TestComposerInternals::test_mail_composer_wtpl_populate_new_recipients_mc
    $M/test_mail_mail.py::TestMailMailRace $A/mail/tests/test_res_partner.py
    $ODOO_ROOT/odoo/addons/base/tests/test_res_partner_merge.py $A/crm/tests/test_crm_lead_merge.py"
[ "${QUICK:-0}" = 1 ] || tests="$tests $M/test_message_post.py $M/test_mail_mail.py
    $A/test_mail_sms/tests/test_sms_post.py $A/sale/tests/test_payment_flow.py
    $A/purchase/tests/test_purchase.py $A/repair/tests/test_repair.py $A/sale_crm/tests
    $A/calendar/tests/test_event_notifications.py $A/sms/tests $A/purchase_requisition/tests
    $A/sale_pdf_quote_builder/tests $A/account/tests/test_account_move_send.py"
read -r -d "" -a tests <<<"${ODOO_TESTS:-$tests}" || true

odoo_run() { # LOG ARGS...: Odoo on DB; a failed test is the report's to count
    odoo_cli -c "$ODOO_CONF" -d "$DB" "${@:2}" --stop-after-init --logfile "$OUT/$1" ||
        [[ "$*" == *--test-enable* ]] || { tail -n 30 "$OUT/$1" >&2; die "odoo ${*:2} failed"; }
}
fresh_db() { # DEMO: DB from the apps template
    drop_db "$DB" && rm -f "$OUT/install.log" && apps_database "$DB" "$1" "$OUT/install.log"
}
pytest_run() { # NAME: the tests above on DB, results in OUT/NAME.xml
    log "Odoo's tests, $1: ${OUT#"$REPO_ROOT"/}/$1.log"
    (cd "$OUT" && "$PYTHON" -m pytest -p no:cacheprovider -q --junitxml "$1.xml" \
        --odoo-config "$ODOO_CONF" --odoo-database "$DB" --odoo-http "${tests[@]}") >"$OUT/$1.log" 2>&1 || true
    [ -s "$OUT/$1.xml" ] || { tail -n 30 "$OUT/$1.log" >&2; die "pytest gave no results on $DB"; }
}

if [ "${1:-all}" != oca ]; then
    rm -f "$OUT"/{ref,default,blank}.xml && fresh_db no-demo
    odoo_run install.log -i test_mail,test_mail_sms --without-demo=all --no-http
    pytest_run ref
    log "installing our addons on $DB"
    odoo_run install.log -i "$(join_by , "${ours[@]}")" --no-http
    [ "${QUICK:-0}" = 1 ] || pytest_run default
    odoo_cli shell -c "$ODOO_CONF" -d "$DB" --no-http --log-level warn >/dev/null <<'PY'
types = env["interaction.document.type"].with_context(active_test=False).search([])
for company in env["res.company"].search([]):
    types.with_company(company).template_id = False
env.cr.commit()
PY
    pytest_run blank
fi
if [ "${1:-all}" != odoo ]; then
    # Ours as make test runs them (no demo data), theirs with demo data, as OCA's CI.
    tags="$(printf '/%s,' "${ours[@]}" interaction_autolog_mail_tracking)" demo=(--without-demo=all)
    [ "${QUICK:-0}" = 1 ] && tags=/interaction_autolog_mail_tracking,
    rm -f "$OUT"/oca-*.log
    for run in no-demo demo; do
        fresh_db "$run"
        log "our addons beside the OCA ones, tests ${tags%,}: ${OUT#"$REPO_ROOT"/}/oca-$run.log"
        odoo_run "oca-$run.log" -i "$(join_by , "${with_oca[@]}")" "${demo[@]}" --test-enable \
            --test-tags "${tags%,}"
        tags=/mail_tracking,/crm_phonecall, demo=()
        [ "${QUICK:-0}" = 0 ] || break
    done
    # Theirs without ours, for the failures OCA's addons have on their own.
    [ "${QUICK:-0}" = 1 ] || { fresh_db demo && odoo_run oca-ref.log -i mail_tracking,crm_phonecall \
        --test-enable --test-tags /mail_tracking,/crm_phonecall; }
fi
log "test-odoo took $(($(date +%s) - t0)) s"
exec "$PYTHON" - "$OUT" "${DEFAULT_SETUP:-report}" <<'PY'
import re, sys, xml.etree.ElementTree as ET
from pathlib import Path

out, ok, bad = Path(sys.argv[1]), 0, 0
QUERIES = re.compile(r"Query count more than expected for user (\S+): (\d+) > (\d+) in \S+ at (\S+)")

def verdict(passed, line):
    global ok, bad
    ok, bad = ok + passed, bad + (not passed)
    passed or print(line)

def results(name):  # {test: its failures' texts}, {} when it did not run
    found = {}
    for case in ET.parse(out / name).iter("testcase") if (out / name).exists() else ():
        test = re.sub(r"^.*?\baddons\.", "", case.get("classname") or "") + "::" + case.get("name")
        fails = [f"{c.get('message')}\n{c.text}" for c in case if c.tag in ("failure", "error")]
        found[test] = found.get(test, []) + fails
    return found

ref, blank, default = results("ref.xml"), results("blank.xml"), results("default.xml")
blank and print(f"== Odoo's {len(blank)} tests, setup blank: Odoo's own results ==")
for test in sorted(test for test, texts in ref.items() if texts):
    print(f"  (fails without us too) {test}")
for test in sorted(set(blank) | set(ref) if blank else ()):
    mine = bool(blank.get(test))
    verdict(mine == bool(ref.get(test)), f"DIFFERS {test}: {'fails' if mine else 'passes'} with us only")
default and print("== Odoo's tests, default setup: only query ceilings may be exceeded ==")
for test, texts in sorted(default.items()):
    if texts and not ref.get(test) and all(map(QUERIES.search, texts)):
        for user, count, limit, where in sorted({m.groups() for t in texts for m in QUERIES.finditer(t)}):
            print(f"QUERIES +{int(count) - int(limit)} {test} ({count} > {limit} as {user}, {where})")
        verdict(sys.argv[2] != "enforce", f"EXCEEDS {test} (DEFAULT_SETUP=enforce)")
    else:
        verdict(not texts or bool(ref.get(test)), f"FAILS {test}: {texts and texts[0][:300]}")
FAILED = re.compile(r" odoo\.\S+: (?:FAIL|ERROR): (.+)$", re.M)
theirs = out / "oca-ref.log"
theirs = set(FAILED.findall(theirs.read_text(errors="replace"))) if theirs.exists() else set()
for log in sorted(set(out.glob("oca-*.log")) - {out / "oca-ref.log"}):
    print(f"== Ours beside OCA's, Odoo's runner: {log.name} ==")
    text = log.read_text(errors="replace")
    for name in sorted(set(FAILED.findall(text))):
        known = name in theirs
        print("  (fails without us too)" if known else "FAILS", name)
        ok, bad = ok + known, bad - known
    totals = re.findall(r"odoo\.tests\.result: (\d+) failed, (\d+) error\(s\) of (\d+) tests", text)
    len(totals) == 1 or verdict(False, f"{len(totals)} test results in {log.name}, not 1")
    for failed, errors, total in ([int(n) for n in t] for t in totals):
        ok, bad = ok + total - failed - errors, bad + failed + errors
        print(f"{total} tests, {failed} failed, {errors} errors")
print(f"{ok} passed, {bad} failed")
sys.exit(1 if bad else 0)
PY
