"""Telephony webhook: a PBX logs the calls it handled.

``POST /interaction_autolog/call`` with ``Authorization: Bearer <key>`` and a
JSON object::

    {"direction": "inbound", "number": "+358 40 123 4567",
     "start": "2025-03-01T09:30:00+02:00", "duration_seconds": 125,
     "status": "answered", "call_id": "pbx-8842", "user_login": "anna",
     "note": "Asked for a quote"}

Answers (always JSON): 201 ``{"id": <entry>}``; 200 with the same id when
``call_id`` was already logged; 202 when no contact has the number (nothing
logged); 400 ``{"error", "field"}`` for malformed input; 401 for a missing,
wrong, expired or revoked key. Error messages are for the integrator, in
English.

The key is one of Odoo's API keys (``res.users.apikeys``) of an internal
user, with the scope exactly ``interaction_autolog_call``: an administrator
makes it in Settings ▸ Interactions for the user the calls are logged as.
A personal key (no scope, made in Preferences) is refused with 401, as it
would let any user log calls in a colleague's name through ``user_login``.
Calls are logged in the key user's company, and as that user when the call
names none.
"""

import json
import logging
import re
from datetime import datetime, timedelta, timezone

import psycopg2

from odoo import SUPERUSER_ID, fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

_logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024
MAX_DURATION_SECONDS = 7 * 24 * 3600
MAX_NOTE_LENGTH = 2000
DIRECTIONS = {"outbound": "phone_call", "inbound": "phone_call_inbound"}
STATUSES = {
    "answered": "Answered",
    "missed": "Missed",
    "busy": "Busy",
    "failed": "Failed",
}
# What a PBX puts in a number: digits and formatting, or a word such as
# "anonymous" for a withheld number (which then matches no contact).
NUMBER_RE = re.compile(r"^[0-9A-Za-z+\-().,/#* ]{1,64}$")
CALL_ID_RE = re.compile(r"^[A-Za-z0-9._:@/+=\-]{1,128}$")
LOGIN_MAX_LENGTH = 128
# Odoo's keys are 40 hex digits; anything not printable ASCII, or this long,
# is refused before the key table is read.
KEY_RE = re.compile(r"^[\x21-\x7e]{1,256}$")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class CallInputError(Exception):
    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


def _json_response(data, status):
    # ASCII JSON: Odoo's make_json_response counts characters, not bytes, in
    # Content-Length.
    body = json.dumps(data)
    headers = [("Content-Type", "application/json"), ("Cache-Control", "no-store")]
    if status == 401:
        headers.append(("WWW-Authenticate", 'Bearer realm="interaction_autolog"'))
    return request.make_response(body, headers=headers, status=status)


def _error(status, message, field=None):
    data = {"error": message}
    if field:
        data["field"] = field
    return _json_response(data, status)


def _reject_constant(name):
    raise ValueError(f"{name} is not valid JSON")


def _string(payload, name, required=False, max_length=None, pattern=None):
    value = payload.get(name)
    if value is None:
        if required:
            raise CallInputError(name, f"{name} is required")
        return None
    if not isinstance(value, str):
        raise CallInputError(name, f"{name} must be a string")
    if required and not value.strip():
        raise CallInputError(name, f"{name} must not be empty")
    if max_length and len(value) > max_length:
        raise CallInputError(
            name, f"{name} is too long (at most {max_length} characters)"
        )
    if CONTROL_RE.search(value):
        raise CallInputError(name, f"{name} contains control characters")
    try:
        # JSON may escape half a UTF-16 pair ("\ud800"): Python decodes it
        # into a string no database can store.
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise CallInputError(name, f"{name} is not valid Unicode text") from None
    if pattern and value and not pattern.match(value):
        raise CallInputError(name, f"{name} contains characters that are not allowed")
    return value


def _parse_start(value):
    try:
        start = datetime.fromisoformat(value)
    except ValueError:
        raise CallInputError(
            "start", "start must be an ISO 8601 date and time"
        ) from None
    if start.tzinfo:
        start = start.astimezone(timezone.utc).replace(tzinfo=None)
    now = fields.Datetime.now()
    if start.year < 2000 or start > now + timedelta(days=1):
        raise CallInputError("start", "start is not a plausible call date")
    return start


def _validate(payload):
    """The call described by ``payload``, checked field by field."""
    if not isinstance(payload, dict):
        raise CallInputError("body", "the body must be a JSON object")
    call = {}
    direction = _string(payload, "direction", required=True, max_length=16)
    if direction not in DIRECTIONS:
        raise CallInputError(
            "direction", "direction must be one of: " + ", ".join(DIRECTIONS)
        )
    call["direction"] = direction
    call["number"] = _string(
        payload, "number", required=True, max_length=64, pattern=NUMBER_RE
    )
    start = _string(payload, "start", required=True, max_length=64)
    call["start"] = _parse_start(start)
    duration = payload.get("duration_seconds")
    if duration is None:
        raise CallInputError("duration_seconds", "duration_seconds is required")
    if isinstance(duration, bool) or not isinstance(duration, int):
        raise CallInputError("duration_seconds", "duration_seconds must be an integer")
    if not 0 <= duration <= MAX_DURATION_SECONDS:
        raise CallInputError(
            "duration_seconds",
            f"duration_seconds must be between 0 and {MAX_DURATION_SECONDS}",
        )
    call["duration_seconds"] = duration
    status = _string(payload, "status", required=True, max_length=16)
    if status not in STATUSES:
        raise CallInputError("status", "status must be one of: " + ", ".join(STATUSES))
    call["status"] = status
    call["call_id"] = _string(payload, "call_id", max_length=128, pattern=CALL_ID_RE)
    call["user_login"] = _string(payload, "user_login", max_length=LOGIN_MAX_LENGTH)
    call["note"] = _string(payload, "note", max_length=MAX_NOTE_LENGTH)
    return call


class InteractionCallWebhook(http.Controller):
    @http.route(
        "/interaction_autolog/call",
        type="http",
        auth="none",
        methods=["POST"],
        csrf=False,
        save_session=False,
        # auth="none" routes default to a read-only cursor, and a write
        # there makes Odoo run the request again: this one always writes
        # (the entry).
        readonly=False,
    )
    def interaction_call(self, **kwargs):
        # The size is checked before anything is read or parsed.
        httprequest = request.httprequest
        if (httprequest.content_length or 0) > MAX_BODY_BYTES:
            return _error(
                400, f"the body is larger than {MAX_BODY_BYTES} bytes", "body"
            )
        if not request.db:
            return _error(400, "no database selected", "body")
        env = request.env(user=SUPERUSER_ID, su=True)
        key_user = self._key_user(env, self._bearer_token())
        if not key_user:
            return _error(401, "missing, wrong, expired or revoked API key")
        if httprequest.mimetype in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            return _error(
                400, "send the call as JSON (Content-Type: application/json)", "body"
            )
        # Bounded by Content-Length, checked above; a chunked body has none
        # and is measured once read. Cached: Odoo runs the request again
        # after a serialization failure, and the stream reads only once.
        raw = httprequest.get_data()
        if len(raw) > MAX_BODY_BYTES:
            return _error(
                400, f"the body is larger than {MAX_BODY_BYTES} bytes", "body"
            )
        try:
            payload = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
        except (UnicodeDecodeError, ValueError, RecursionError):
            return _error(400, "the body is not valid UTF-8 JSON", "body")
        try:
            call = _validate(payload)
            return self._log_call(env, key_user, call)
        except CallInputError as error:
            return _error(400, error.message, error.field)

    def _bearer_token(self):
        header = request.httprequest.headers.get("Authorization") or ""
        scheme, _sep, token = header.strip().partition(" ")
        if scheme.lower() != "bearer":
            return None
        return token.strip() or None

    def _key_user(self, env, token):
        """The internal user whose API key ``token`` is, or no user."""
        Users = env["res.users"]
        if not token or not KEY_RE.match(token):
            return Users
        # A key of an active user, of exactly our scope, not expired; a
        # revoked key is deleted.
        uid = env["res.users.apikeys"]._interaction_check_call_key(token)
        user = Users.browse(uid) if uid else Users
        # A user who became a portal user keeps keys it can no longer make.
        return user if user and not user.share else Users

    def _call_user(self, env, key_user, login):
        if not login:
            return key_user
        user = env["res.users"].search(
            [
                ("login", "=", login),
                ("share", "=", False),
                ("company_ids", "in", key_user.company_id.ids),
            ],
            limit=1,
        )
        if not user:
            raise CallInputError(
                "user_login", "no active user with this login in the key user's company"
            )
        return user

    def _log_call(self, env, key_user, call):
        company = key_user.company_id
        user = self._call_user(env, key_user, call["user_login"])
        # Everything below happens in the key user's company only, and in
        # English: entries are named the same whatever language the PBX's
        # request or the company's contacts use (the call's status is
        # English too).
        env = env(
            user=user.id,
            su=True,
            context=dict(env.context, allowed_company_ids=company.ids, lang="en_US"),
        )
        Entry = env["interaction.log.entry"]
        if call["call_id"]:
            existing = Entry.search(
                [
                    ("company_id", "=", company.id),
                    ("external_call_id", "=", call["call_id"]),
                ],
                limit=1,
            )
            if existing:
                return _json_response({"id": existing.id}, 200)
        partner = env["res.partner"]._interaction_find_by_phone(call["number"], company)
        if not partner:
            return _json_response({"status": "no matching contact"}, 202)
        code = DIRECTIONS[call["direction"]]
        doc_type = env["interaction.document.type"]._get_by_code(code)
        name = doc_type.name
        if call["status"] != "answered":
            name = f"{name} ({STATUSES[call['status']]})"
        values = {
            "name": name,
            "date": call["start"],
            "duration": round(call["duration_seconds"] / 60.0, 2),
            "attempt_failed": call["status"] != "answered",
            "contact_via": call["number"],
            "note": call["note"] or False,
            "external_call_id": call["call_id"] or False,
        }
        try:
            with env.cr.savepoint():
                entries = Entry._log_interaction(
                    partner, code, channel="phone", partners=partner, **values
                )
        except psycopg2.errors.UniqueViolation:
            # The same call delivered twice at once: the other one won.
            existing = Entry.search(
                [
                    ("company_id", "=", company.id),
                    ("external_call_id", "=", call["call_id"]),
                ],
                limit=1,
            )
            if existing:
                return _json_response({"id": existing.id}, 200)
            raise
        except (UserError, ValidationError) as error:
            _logger.info("Call not logged: %s", error)
            return _error(400, "the call could not be logged: invalid values", "body")
        if not entries:
            return _json_response(
                {
                    "status": "not logged",
                    "reason": "no interaction template is set for this kind of call",
                },
                202,
            )
        return _json_response({"id": entries[0].id}, 201)
