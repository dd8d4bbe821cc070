#!/usr/bin/env bash
# make test-odoo: are we a good citizen of Odoo?
#
# 1. Odoo's own tests of what our addons override (ODOO_TESTS below: test_mail,
#    test_mail_sms and the apps' classes that go through our hooks) run with
#    pytest-odoo, so that every test runs on a complete registry, our addons
#    loaded, on three databases from the apps template (no demo data):
#      ref      the apps without our addons: Odoo's own results
#      default  our addons with the default Interaction Template Setup
#      blank    the same database, the setup blanked
#    blank must give exactly ref's results; default may fail only Odoo's
#    query-count assertions, each listed with its delta (enforced when
#    DEFAULT_SETUP=enforce: none at all).
# 2. Our addons beside the OCA addons our users install with them
#    (requirements-test-odoo.txt: mail_tracking and crm_phonecall wheels, and
#    phonenumbers, Odoo's optional dependency) are installed with Odoo's own
#    runner, --test-enable --test-tags, and their tests and ours run as OCA's
#    CI runs them. Those packages go to .local/test-odoo/, not into the shared
#    virtualenv, after pip checked that they fit it (no other Odoo).
# tools/test-odoo.sh odoo|oca runs one half only.
# The last line counts verdicts: a test of blank passes when its result is
# ref's, one of default when it passed or failed on query counts only.
set -euo pipefail
# shellcheck source=tools/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tools/odoo-env.sh
source "$REPO_ROOT/tools/odoo-env.sh"

TEST_DB="${TEST_DB:-ial_test}"
OUT="$LOCAL_DIR/test-odoo"
REQUIREMENTS="$REPO_ROOT/requirements-test-odoo.txt"
mkdir -p "$OUT"

"$REPO_ROOT/tools/setup.sh" chromium
odoo_ensure
"$REPO_ROOT/tools/pg.sh" start
mapfile -t ours < <(all_addons)

# The extra packages, once per content of the requirements file.
site="$OUT/site-$(_sha "$REQUIREMENTS" | cut -c1-12)"
if [ ! -f "$site/.ial-complete" ]; then
    log "checking that $(basename "$REQUIREMENTS") fits the virtualenv's Odoo"
    "$PYTHON" -m pip install --disable-pip-version-check -q --dry-run \
        --report "$OUT/pip-report.json" -r "$REQUIREMENTS" >"$OUT/pip.log" 2>&1 ||
        { tail -n 20 "$OUT/pip.log" >&2; die "pip cannot resolve $REQUIREMENTS"; }
    # The OCA wheels require odoo==18.0.*: the Odoo of the virtualenv must
    # do (pip may still list Odoo's own requirements, e.g. psycopg2 where
    # the environment has psycopg2-binary; --no-deps below skips them).
    "$PYTHON" - "$OUT/pip-report.json" <<'PY' || die "$REQUIREMENTS would bring in another Odoo"
import json, sys
names = {i["metadata"]["name"].lower() for i in json.load(open(sys.argv[1]))["install"]}
sys.exit("pip would install odoo" if "odoo" in names else 0)
PY
    rm -rf "$site"
    "$PYTHON" -m pip install --disable-pip-version-check -q --no-deps --target "$site" \
        -r "$REQUIREMENTS" >"$OUT/pip.log" 2>&1 || { tail -n 20 "$OUT/pip.log" >&2; die "pip failed"; }
    # An odoo/ directory on the path would hide the virtualenv's Odoo: the
    # addons go to the addons path instead.
    mv "$site/odoo/addons" "$site/oca-addons"
    rm -rf "$site/odoo"
    touch "$site/.ial-complete"
fi
export PYTHONPATH="$site${PYTHONPATH:+:$PYTHONPATH}"
export EXTRA_ADDONS_DIRS="$site/oca-addons${EXTRA_ADDONS_DIRS:+:$EXTRA_ADDONS_DIRS}"
ODOO_CONF="$OUT/odoo.conf"
write_odoo_conf
mapfile -t with_oca < <(all_addons) # ours, the OCA addons, their glue

# The classes that go through our hooks, chosen to keep CI under 30 minutes:
# Odoo's query ceilings of mail and SMS (test_performance, which includes the
# mass-mail composer, test_sms_performance), posting and sending
# (test_message_post, test_mail_mail, test_sms_post), and the apps' sending,
# printing, merging and invitation tests. ODOO_TESTS="paths" runs others.
A="$ODOO_ROOT/addons"
read -r -d "" -a odoo_tests <<<"${ODOO_TESTS:-
    $A/test_mail/tests/test_performance.py $A/test_mail/tests/test_message_post.py
    $A/test_mail/tests/test_mail_mail.py
    $A/test_mail_sms/tests/test_sms_performance.py $A/test_mail_sms/tests/test_sms_post.py
    $A/sale/tests/test_payment_flow.py $A/purchase/tests/test_purchase.py
    $A/repair/tests/test_repair.py $A/crm/tests/test_crm_lead_merge.py $A/sale_crm/tests
    $A/calendar/tests/test_event_notifications.py $A/sms/tests
    $A/purchase_requisition/tests $A/sale_pdf_quote_builder/tests
    $A/account/tests/test_account_move_send.py}" || true

# odoo_run DB LOG ARGS...: Odoo's CLI on DB, logging to LOG; fails on exit
# code only (tests log ERROR lines on purpose).
odoo_run() {
    local db="$1" logfile="$2"
    shift 2
    : >"$logfile"
    odoo_cli -c "$ODOO_CONF" -d "$db" "$@" --stop-after-init --logfile "$logfile" ||
        { tail -n 30 "$logfile" >&2; die "odoo $* on $db failed (log: $logfile)"; }
}

# new_db DB ADDONS: a fresh database from the apps template, ADDONS installed.
new_db() {
    drop_db "$1"
    apps_database "$1" no-demo "$OUT/$1-install.log"
    log "installing $2 on $1"
    odoo_run "$1" "$OUT/$1-install.log" -i "$2" --without-demo=all --no-http
}

# pytest_run DB NAME: Odoo's tests selected above, results in NAME.xml.
pytest_run() {
    log "Odoo's tests on $1 ($2): log in ${OUT#"$REPO_ROOT"/}/$2.log"
    (cd "$OUT" && "$PYTHON" -m pytest -p no:cacheprovider -q --junitxml "$OUT/$2.xml" \
        --odoo-config "$ODOO_CONF" --odoo-database "$1" --odoo-http "${odoo_tests[@]}") \
        >"$OUT/$2.log" 2>&1 || true
    [ -s "$OUT/$2.xml" ] || { tail -n 30 "$OUT/$2.log" >&2; die "pytest gave no results on $1"; }
}

odoo_suites() {
    new_db "${TEST_DB}_odoo_ref" test_mail,test_mail_sms
    pytest_run "${TEST_DB}_odoo_ref" ref
    new_db "${TEST_DB}_odoo" "$(join_by , "${ours[@]}" test_mail test_mail_sms)"
    pytest_run "${TEST_DB}_odoo" default
    log "blanking the Interaction Template Setup of ${TEST_DB}_odoo"
    odoo_cli shell -c "$ODOO_CONF" -d "${TEST_DB}_odoo" --no-http --log-level warn >/dev/null <<'PY'
doc_types = env["interaction.document.type"].with_context(active_test=False).search([])
for company in env["res.company"].search([]):
    doc_types.with_company(company).template_id = False
env.cr.commit()
PY
    pytest_run "${TEST_DB}_odoo" blank
}

oca_suite() {
    local tags
    tags="$(printf '/%s,' "${ours[@]}" interaction_autolog_mail_tracking)"
    # Ours as make test runs them (no demo data), the OCA addons installed;
    # theirs with demo data, as OCA's CI runs them, ours installed. One log.
    oca_run "${TEST_DB}_odoo_oca" no-demo "${tags%,}" --without-demo=all
    oca_run "${TEST_DB}_odoo_oca_demo" demo /mail_tracking,/crm_phonecall
}

# oca_run DB demo|no-demo TAGS ARGS...: ours, the OCA addons and their glue
# installed on a fresh DB with Odoo's runner, the tests of TAGS run.
oca_run() {
    local db="$1" demo="$2" tags="$3"
    shift 3
    drop_db "$db"
    apps_database "$db" "$demo" "$OUT/$db-install.log"
    log "our addons with the OCA ones on $db, tests $tags: ${OUT#"$REPO_ROOT"/}/oca-$demo.log"
    # Odoo exits non-zero when a test fails: the report counts them.
    : >"$OUT/oca-$demo.log"
    odoo_cli -c "$ODOO_CONF" -d "$db" -i "$(join_by , "${with_oca[@]}")" "$@" \
        --test-enable --test-tags "$tags" --http-port "${HTTP_PORT:-8069}" \
        --stop-after-init --logfile "$OUT/oca-$demo.log" || true
    cat "$OUT/oca-$demo.log" >>"$OUT/oca.log"
}

PART="${1:-all}"
t0=$(date +%s)
[ "$PART" = oca ] || { rm -f "$OUT"/{ref,default,blank}.xml && odoo_suites; }
t1=$(date +%s)
[ "$PART" = odoo ] || { rm -f "$OUT/oca.log" && oca_suite; }
log "Odoo's suites: $((t1 - t0)) s; ours with the OCA addons: $(($(date +%s) - t1)) s"
exec "$PYTHON" "$REPO_ROOT/tools/test_odoo_report.py" "$OUT" "${DEFAULT_SETUP:-report}" "$PART"
