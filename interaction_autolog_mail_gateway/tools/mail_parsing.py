"""Read an email as the mail gateway receives it: who it went to, and who
vouches for its sender.

Pure functions over ``email.message`` objects and HTML bodies, without the
database, so that the log address can be tested on raw messages and the
rules read in one place.
"""

import email.utils
import re

import lxml.html
import pytz
from dateutil import parser as date_parser
from lxml import etree

from odoo.tools.mail import decode_message_header, email_normalize, email_split_tuples

# Where a message names its recipients. The mail server adds the envelope
# recipient (Delivered-To, X-Original-To, Envelope-To): the only trace of an
# address in Bcc, or of the log address a mailbox forwards everything to.
RECIPIENT_HEADERS = (
    "Delivered-To",
    "X-Original-To",
    "Envelope-To",
    "X-Envelope-To",
    "To",
    "Cc",
    "Bcc",
    "Resent-To",
    "Resent-Cc",
)

# Labels of the header block that mail clients (Gmail, Outlook, Apple Mail,
# Thunderbird) write above a message forwarded inline, in English, Finnish
# and Swedish: the only place the original recipients are left.
FORWARD_LABELS = {
    "from": "from",
    "lähettäjä": "from",
    "från": "from",
    "to": "to",
    "vastaanottaja": "to",
    "till": "to",
    "cc": "cc",
    "kopio": "cc",
    "kopia": "cc",
    "date": "date",
    "sent": "date",
    "päivämäärä": "date",
    "lähetetty": "date",
    "skickat": "date",
    "datum": "date",
    "subject": "subject",
    "aihe": "subject",
    "ämne": "subject",
}
LABEL_RE = re.compile(r"^[*_\s]*([^\W\d_]+)[*_\s]*:[*_\s]*(.*)$")
# A header block is short; a longer run of "Label: value" lines is text.
MAX_BLOCK_LINES = 12
BLOCK_TAGS = {
    "address",
    "blockquote",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "table",
    "td",
    "tr",
    "ul",
}
# "Wed, 28 Oct 2026 08:00:00 +0000", the day name optional.
RFC_DATE_RE = re.compile(
    r"^\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d"
)
SUBJECT_PREFIX_RE = re.compile(r"^\s*((fwd?|vs|wg|tr)\s*:\s*)+", re.I)


def header_addresses(message, names):
    """Normalized addresses in the headers ``names`` of ``message``."""
    addresses = []
    for name in names:
        for _name, address in email_split_tuples(
            decode_message_header(message, name, separator=",")
        ):
            normalized = email_normalize(address, strict=False)
            if normalized and normalized not in addresses:
                addresses.append(normalized)
    return addresses


def address_pairs(text):
    """``[(name, normalized address)]`` in a header value, Outlook's ``;``
    separated lists included, without duplicates."""
    pairs, seen = [], set()
    for name, address in email_split_tuples((text or "").replace(";", ",")):
        normalized = email_normalize(address, strict=False)
        if normalized and normalized not in seen:
            seen.add(normalized)
            pairs.append((name.strip(), normalized))
    return pairs


def html_lines(html):
    """The lines of text an HTML body shows, one per block or line break."""
    if not html or not html.strip():
        return []
    try:
        root = lxml.html.fromstring(str(html))
    except (etree.ParserError, ValueError):
        return []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        tag = element.tag.lower()
        if tag == "a":
            # Outlook may show a name only and keep the address in the link.
            href = (element.get("href") or "").strip()
            if href.lower().startswith("mailto:"):
                address = href[7:].split("?", 1)[0]
                if address and address.lower() not in element.text_content().lower():
                    element.tail = f" <{address}>{element.tail or ''}"
        elif tag == "br":
            element.tail = f"\n{element.tail or ''}"
        elif tag in BLOCK_TAGS:
            element.text = f"\n{element.text or ''}"
            element.tail = f"\n{element.tail or ''}"
    return root.text_content().splitlines()


def forwarded_block(lines):
    """The header block of the first message forwarded inline in ``lines``:
    ``{"from": ..., "to": ..., "cc": ..., "date": ..., "subject": ...}`` with
    the values as written, or ``None`` when there is none.

    A block is a run of "Label: value" lines with a "From:" line and at
    least a "To:" or "Cc:" line after it; the "Subject:" and "Date:" lines
    Thunderbird writes before "From:" belong to it. Blank lines inside it
    are skipped (blocks written with one ``<div>`` per line leave them) and
    an address list wrapped over several lines is joined.
    """
    block, field, count = None, None, 0
    before = {}  # "Subject:" / "Date:" lines right before a "From:"
    for raw in lines:
        # Quoted plain text ("> From: ...") is read as the text it quotes.
        line = raw.replace("\xa0", " ").strip().lstrip(">").strip()
        if not line:
            continue
        match = LABEL_RE.match(line)
        key = FORWARD_LABELS.get(match.group(1).strip().lower()) if match else None
        if block is None:
            if key in ("subject", "date"):
                before[key] = match.group(2).strip()
            elif key != "from":
                before = {}
        if block is not None:
            count += 1
            if key and key not in block and count <= MAX_BLOCK_LINES:
                block[key], field = match.group(2).strip(), key
                continue
            if not key and field in ("to", "cc") and "@" in line:
                block[field] = f"{block[field]} {line}"
                continue
            if "to" in block or "cc" in block:
                return block
            block = None
        if key == "from":
            block = dict(before, **{"from": match.group(2).strip()})
            field, count, before = "from", 0, {}
    if block and ("to" in block or "cc" in block):
        return block
    return None


def attached_message_headers(message):
    """Headers of the first message attached whole (``message/rfc822``, as
    "forward as attachment" sends it), or ``None``."""
    for part in message.walk():
        if part.get_content_type() != "message/rfc822":
            continue
        payload = part.get_payload()
        inner = payload[0] if isinstance(payload, list) and payload else None
        if inner is None:
            continue
        return {
            key: decode_message_header(inner, header, separator=",")
            for key, header in (
                ("from", "From"),
                ("to", "To"),
                ("cc", "Cc"),
                ("date", "Date"),
                ("subject", "Subject"),
            )
        }
    return None


def parse_date(value, tz_name=None):
    """A date as mail clients write it, as naive UTC, or ``None``.

    RFC 5322 dates are exact; the dates of an inline block ("Tue, Nov 24,
    2026 at 10:00 AM") carry no time zone and are read in ``tz_name``.
    Dates written in other languages are not guessed at.
    """
    value = (value or "").strip()
    if not value:
        return None
    parsed = None
    if RFC_DATE_RE.match(value):
        try:
            parsed = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            parsed = None
    if parsed is None:
        # Not RFC 5322, where a lenient parse would drop "PM".
        try:
            parsed = date_parser.parse(value.replace(" at ", " "))
        except (ValueError, OverflowError, TypeError):
            return None
    if parsed.tzinfo is None:
        try:
            zone = pytz.timezone(tz_name or "UTC")
        except pytz.UnknownTimeZoneError:
            zone = pytz.utc
        try:
            parsed = zone.localize(parsed)
        except (OverflowError, ValueError):
            return None
    try:
        # Year 1 or 9999 with an offset falls off the calendar.
        return parsed.astimezone(pytz.utc).replace(tzinfo=None)
    except (OverflowError, ValueError):
        return None


def strip_subject_prefixes(subject):
    """The subject without the "Fwd:" / "FW:" / "VS:" ... prefixes."""
    return SUBJECT_PREFIX_RE.sub("", subject or "").strip()


# Comments of RFC 8601 values, e.g. "spf=pass (sender IP is 192.0.2.1)".
AUTH_COMMENT_RE = re.compile(r"\([^()]*\)")


def authentication_results(message):
    """What the receiving servers say about the sender (RFC 8601).

    ``[(authserv-id, method, result, {property: value})]`` for every
    ``method=result`` of every Authentication-Results header, in lower
    case, properties such as ``header.from``, ``header.d``,
    ``smtp.mailfrom``. Only the grammar needed to read those: comments are
    dropped, quoted values unquoted, anything else unreadable skipped.
    Anyone can write this header: the caller decides whose to believe.
    """
    results = []
    for raw in message.get_all("Authentication-Results") or []:
        value = str(raw)
        # Nested comments are rare: two passes take the usual ones away.
        for _pass in range(2):
            value = AUTH_COMMENT_RE.sub(" ", value)
        parts = [part.strip() for part in value.replace("\r\n", " ").split(";")]
        head = parts[0].split() if parts else []
        if not head:
            continue
        authserv_id = head[0].lower().rstrip(".")
        for part in parts[1:]:
            tokens = part.split()
            if not tokens or "=" not in tokens[0]:
                continue
            method, _sep, result = tokens[0].partition("=")
            properties = {}
            for token in tokens[1:]:
                key, sep, prop_value = token.partition("=")
                if sep and "." in key:
                    properties[key.lower()] = prop_value.strip('"').lower()
            results.append(
                (
                    authserv_id,
                    method.partition("/")[0].strip().lower(),
                    result.strip().lower(),
                    properties,
                )
            )
    return results


def domain_aligned(domain, from_domain):
    """Whether an authenticated ``domain`` vouches for ``from_domain``: the
    same, or a parent of it (DMARC's relaxed alignment)."""
    domain = (domain or "").rpartition("@")[2].strip().lower().rstrip(".")
    from_domain = (from_domain or "").strip().lower()
    return bool(domain) and (
        from_domain == domain or from_domain.endswith("." + domain)
    )


def sender_authenticity(results, trusted, from_domain):
    """``pass`` when a trusted server vouches for ``from_domain``, ``fail``
    when one says it is forged, ``none`` otherwise.

    ``results``: as :func:`authentication_results` returns them;
    ``trusted``: a function telling whether an authserv-id is trusted.
    Results of other servers are ignored: anyone can write the header.
    DMARC decides when present; else DKIM (the signing domain) or SPF (the
    envelope sender's domain) for the From domain.
    """
    passed = failed = False
    for authserv_id, method, result, properties in results:
        if not trusted(authserv_id):
            continue
        if method == "dmarc":
            if properties.get("header.from", from_domain) != from_domain:
                continue
            if result == "pass":
                passed = True
            elif result == "fail":
                return "fail"
        elif method in ("dkim", "spf"):
            keys = (
                ("header.d", "header.i")
                if method == "dkim"
                else ("smtp.mailfrom", "smtp.helo")
            )
            domain = next((properties[key] for key in keys if properties.get(key)), "")
            if not domain_aligned(domain, from_domain):
                continue
            if result == "pass":
                passed = True
            elif result == "fail":
                failed = True
    if passed:
        return "pass"
    return "fail" if failed else "none"
