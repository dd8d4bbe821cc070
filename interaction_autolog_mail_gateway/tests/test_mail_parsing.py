from datetime import datetime

from odoo.tests import BaseCase, tagged

from odoo.addons.interaction_autolog_mail_gateway.tools.mail_parsing import (
    address_pairs,
    forwarded_block,
    html_lines,
    parse_date,
    strip_subject_prefixes,
)


@tagged("post_install", "-at_install")
class TestForwardedBlock(BaseCase):
    """The header blocks mail clients write above a forwarded message, as
    the log address reads them (no database needed)."""

    def test_outlook_finnish_plain_text_wrapped_list(self):
        text = (
            "Tiedoksi.\n\n"
            "Lähettäjä: Ernest Employee <ernest@ourcompany.example.com>\n"
            "Lähetetty: perjantai 30. lokakuuta 2026 14.15\n"
            "Vastaanottaja: Alice Buyer <alice@acme.example.com>; Bob\n"
            " Accounts <bob@acme.example.com>\n"
            "Kopio: carla@ourcompany.example.com\n"
            "Aihe: Tarjous\n\n"
            "Hei Alice,\n"
        )
        block = forwarded_block(text.splitlines())
        self.assertEqual(block["subject"], "Tarjous")
        self.assertEqual(
            address_pairs(block["to"]),
            [
                ("Alice Buyer", "alice@acme.example.com"),
                ("Bob Accounts", "bob@acme.example.com"),
            ],
        )
        self.assertEqual(block["cc"], "carla@ourcompany.example.com")
        # A Finnish date is not guessed at: the forward's own date is kept.
        self.assertIsNone(parse_date(block["date"], "Europe/Helsinki"))

    def test_apple_mail_one_div_per_line(self):
        html = (
            "<div>Note</div><div><br><blockquote type='cite'>"
            "<div>Begin forwarded message:</div><br>"
            "<div><span><b>From: </b></span>"
            "<span>Ernest &lt;ernest@ourcompany.example.com&gt;</span></div>"
            "<div><span><b>Subject: </b></span><span>Price list</span></div>"
            "<div><span><b>Date: </b></span><span>29 October 2026</span></div>"
            "<div><span><b>To: </b></span>"
            "<span>Alice &lt;alice@acme.example.com&gt;</span></div><br>"
            "<div>Hello Alice</div></blockquote></div>"
        )
        block = forwarded_block(html_lines(html))
        self.assertEqual(block["subject"], "Price list")
        self.assertEqual(block["to"], "Alice <alice@acme.example.com>")

    def test_thunderbird_subject_before_from(self):
        text = (
            "-------- Forwarded Message --------\n"
            "Subject: \tDelivery dates\n"
            "Date: \tWed, 28 Oct 2026 08:00:00 +0200\n"
            "From: \tErnest <ernest@ourcompany.example.com>\n"
            "To: \tAlice <alice@acme.example.com>\n\n"
            "The goods leave on Friday.\n"
        )
        block = forwarded_block(text.splitlines())
        self.assertEqual(block["subject"], "Delivery dates")
        self.assertEqual(parse_date(block["date"]), datetime(2026, 10, 28, 6, 0))

    def test_outlook_html_name_only_with_mailto_link(self):
        html = (
            "<p><b>From:</b> Ernest<br><b>Sent:</b> Friday, October 30, 2026 "
            "2:15 PM<br><b>To:</b> <a href='mailto:alice@acme.example.com'>"
            "Alice Buyer</a><br><b>Subject:</b> Offer</p>"
        )
        block = forwarded_block(html_lines(html))
        self.assertEqual(
            address_pairs(block["to"]), [("Alice Buyer", "alice@acme.example.com")]
        )
        self.assertEqual(
            parse_date(block["date"], "Europe/Helsinki"), datetime(2026, 10, 30, 12, 15)
        )

    def test_quoted_plain_text(self):
        text = "> From: Ernest <e@x.example.com>\n> To: alice@acme.example.com\n>\n"
        self.assertEqual(
            forwarded_block(text.splitlines())["to"], "alice@acme.example.com"
        )

    def test_no_block(self):
        for text in (
            "",
            "Hello,\nFrom: the sales team\nSee you!",
            "From: Ernest <e@x.example.com>\nSubject: no recipients\n\nBody",
            "To: alice@acme.example.com\nno sender line",
        ):
            with self.subTest(text=text):
                self.assertIsNone(forwarded_block(text.splitlines()))

    def test_subject_prefixes(self):
        self.assertEqual(strip_subject_prefixes("VS: Fwd: Tarjous"), "Tarjous")
        self.assertEqual(strip_subject_prefixes("FW: Re: Offer"), "Re: Offer")
