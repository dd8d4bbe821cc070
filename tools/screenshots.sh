#!/usr/bin/env bash
# make screenshots: docs/screenshots/*.png of the app of `make run` (DEV_DB on
# HTTP_PORT, admin/admin), shot-scraper taking the shots of docs/screenshots.yml
# in the system's Chromium (CHROMIUM=/usr/bin/chromium).
source "$(dirname "${BASH_SOURCE[0]}")/odoo-env.sh" && venv_ensure
out="$LOCAL_DIR/screenshots" && mkdir -p "$out" && cd "$REPO_ROOT/docs/screenshots"
export URL="http://localhost:${HTTP_PORT:-8069}" JAR="$out/cookies" CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
# Playwright's storage state with admin's session cookie (shot-scraper's own
# `auth` asks for a login in a visible browser).
curl -sf -c "$JAR" -H "Content-Type: application/json" "$URL/web/session/authenticate" -d '{"params": {"db": "'"${DEV_DB:-ial_dev}"'",
    "login": "admin", "password": "admin"}}' | grep -q '"uid": *[0-9]' || die "no login on $URL: does \`make run\` serve it?"
printf '{"cookies": [{"name": "session_id", "value": "%s", "domain": "localhost", "path": "/", "expires": -1,
    "httpOnly": true, "secure": false, "sameSite": "Lax"}], "origins": []}\n' "$(awk '$6 == "session_id" {print $7}' "$JAR")" >"$out/auth.json"
# The records shown: the contact with most interactions (one with a phone
# number first: the call wizard), one of each kind of entry the README shows.
eval "$("$REPO_ROOT/tools/pg.sh" psql -X -q -tA -v ON_ERROR_STOP=1 -d "${DEV_DB:-ial_dev}" <<'SQL'
SELECT 'export PARTNER=' || (SELECT e.partner_id FROM interaction_log_entry e JOIN res_partner p ON p.id = e.partner_id
    WHERE e.canceled IS NOT TRUE GROUP BY 1, p.phone, p.mobile ORDER BY COALESCE(p.phone, p.mobile) IS NULL, count(*) DESC LIMIT 1)
 || ' CAMPAIGN=' || (SELECT res_id FROM ir_model_data WHERE name = 'demo_campaign_office_fair')
 || ' MAIL=' || (SELECT id FROM interaction_log_mail ORDER BY date DESC, id DESC LIMIT 1)
 || ' SMS=' || (SELECT id FROM interaction_log_entry WHERE channel = 'sms' AND delivery_status = 'sent' ORDER BY date DESC, id DESC LIMIT 1)
 || ' SMS_FAILED=' || (SELECT id FROM interaction_log_entry WHERE channel = 'sms' AND delivery_status = 'failed'
    AND mail_message_id IS NOT NULL ORDER BY date DESC, id DESC LIMIT 1)
 || ' QUOTE=' || (SELECT e.res_id FROM interaction_log_entry e JOIN interaction_document_type t ON t.id = e.document_type_id
    WHERE t.code = 'sale_quote_accepted' ORDER BY e.date DESC, e.id DESC LIMIT 1)
 || ' CALL=' || (SELECT id FROM interaction_log_entry WHERE channel = 'phone' AND opportunity_id IS NULL ORDER BY date DESC, id DESC LIMIT 1)
 || ' ADMIN=' || (SELECT id FROM res_users WHERE login = 'admin')
 || ' FI=' || EXISTS (SELECT FROM res_lang WHERE code = 'fi_FI' AND active)
SQL
)" && [ -n "${ADMIN:-}" ] || die "the demo records are missing from ${DEV_DB:-ial_dev}: \`make run\` loads them"
envsubst '$URL $JAR $PARTNER $CAMPAIGN $MAIL $SMS $SMS_FAILED $QUOTE $CALL $ADMIN' <../screenshots.yml >"$out/shots.yml"
[ "$FI" = true ] || { sed -i '/^# The administrator/,$d' "$out/shots.yml" && warn "phone_interactions_fi.png skipped: no Finnish in ${DEV_DB:-ial_dev}"; }
# shot-scraper has no option for the browser's path: Playwright's launch has.
"$PYTHON" - multi "$out/shots.yml" --auth "$out/auth.json" --timeout 60000 --fail --browser-arg=--no-sandbox --browser-arg=--disable-gpu <<'PY' || status=$?
import functools, os
from playwright.sync_api import BrowserType
from shot_scraper.cli import cli

BrowserType.launch = functools.partialmethod(BrowserType.launch, executable_path=os.environ["CHROMIUM"])
cli(prog_name="shot-scraper")
PY
curl -sf -o /dev/null -b "$JAR" -H "Content-Type: application/json" "$URL/web/dataset/call_kw" -d '{"params": {"model": "res.users",
    "method": "write", "args": [['"$ADMIN"'], {"lang": "en_US"}], "kwargs": {}}}' # after the Finnish shot
exit "${status:-0}"
