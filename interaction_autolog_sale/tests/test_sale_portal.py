import importlib.util
from pathlib import Path

from odoo import Command
from odoo.modules.module import get_module_path
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import InteractionSaleCase

# A 1x1 PNG: the signature pad sends an image.
SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwAD"
    "hgGAWjR9awAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestSalePortal(InteractionSaleCase):
    """What the customer does with a quotation on the portal, through
    Odoo's own portal routes and the quotation's access token."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_accepted = cls.env.ref(
            "interaction_autolog_sale.document_type_sale_quote_accepted"
        )
        cls.type_viewed = cls.env.ref(
            "interaction_autolog_sale.document_type_sale_quote_viewed"
        )
        cls.template_accepted = cls.env.ref(
            "interaction_autolog_sale.interaction_template_sales_quote_accepted"
        )
        cls.portal_buyer = mail_new_test_user(
            cls.env,
            login="portal_brandon",
            password="portal_brandon",
            name="Brandon Buyer (portal)",
            email="brandon.portal@example.com",
            groups="base.group_portal",
        )
        cls.portal_buyer.partner_id.parent_id = cls.customer
        cls.user_salesman.password = "salesman"

    def _quote(self, **values):
        quote = self._create_orders(
            **{
                "user_id": self.user_salesman.id,
                "require_signature": True,
                "require_payment": False,
                **values,
            }
        )
        quote.action_quotation_sent()
        quote._portal_ensure_token()
        return quote

    def _accept(self, quote, access_token=None, signature=SIGNATURE):
        """The "Accept & Sign" dialog of the portal posts the signature."""
        token = quote.access_token if access_token is None else access_token
        with self.mock_mail_gateway():
            return self.make_jsonrpc_request(
                f"/my/orders/{quote.id}/accept?access_token={token}",
                {"name": "Brandon Buyer", "signature": signature},
            )

    def _open(self, quote, access_token=None, **params):
        token = quote.access_token if access_token is None else access_token
        query = "&".join(
            f"{k}={v}" for k, v in {"access_token": token, **params}.items()
        )
        return self.url_open(f"/my/orders/{quote.id}?{query}", allow_redirects=False)

    # ------------------------------------------------------------------
    # Accepted online
    # ------------------------------------------------------------------

    def test_signed_with_the_link_logs_accepted_for_the_customer(self):
        quote = self._quote()
        result = self._accept(quote)
        self.assertNotIn("error", result)
        self.assertEqual(quote.state, "sale")
        entry = self._entries(quote, document_type_id=self.type_accepted.id)
        self.assertRecordValues(
            entry,
            [
                {
                    "partner_id": self.customer.id,
                    "template_id": self.template_accepted.id,
                    "information_flow": "inbound",
                    "initiated_by": "them",
                    "channel": "online",
                    "user_id": self.user_salesman.id,
                    "salesperson_id": self.user_salesman.id,
                    "document_name": quote.display_name,
                    "document_version": 1,
                    "company_id": self.company.id,
                    "is_automatic": True,
                }
            ],
        )
        # The order confirmation that follows is our email to the customer.
        self.assertTrue(self._entries(quote, document_type_id=self.type_order.id))

    def test_signed_by_a_portal_user_logs_them(self):
        """The portal user is the contact; the entry is the salesperson's,
        as every entry of the deal: no portal user among our users."""
        quote = self._quote()
        self.authenticate("portal_brandon", "portal_brandon")
        self._accept(quote)
        entry = self._entries(quote, document_type_id=self.type_accepted.id)
        self.assertEqual(entry.partner_id, self.portal_buyer.partner_id)
        self.assertEqual(entry.user_id, self.user_salesman)
        self.assertEqual(entry.channel, "online")
        self.assertEqual(entry.information_flow, "inbound")

    def test_signed_on_our_users_screen_is_the_customer(self):
        """A salesperson lets the customer sign on their own screen: the
        customer accepted, not our user."""
        quote = self._quote()
        self.authenticate("salesman", "salesman")
        self._accept(quote)
        entry = self._entries(quote, document_type_id=self.type_accepted.id)
        self.assertEqual(entry.partner_id, self.customer)
        self.assertEqual(entry.user_id, self.user_salesman)

    def test_refused_acceptance_logs_nothing(self):
        quote = self._quote()
        with mute_logger("odoo.http"):
            wrong_token = self._accept(quote, access_token="not-the-token")
            no_signature = self._accept(quote, signature="")
        self.assertEqual(set(wrong_token), {"error"})
        self.assertEqual(set(no_signature), {"error"})
        self.assertIn(quote.state, ("draft", "sent"))
        self.assertFalse(self._entries(quote, document_type_id=self.type_accepted.id))

    def test_paid_online_logs_accepted_for_the_payer(self):
        """A quotation that asks for payment instead of a signature: the
        customer pays through the portal's payment form; Odoo confirms the
        order when the payment status is polled."""
        provider = self._dummy_payment_provider()
        quote = self._quote(
            require_signature=False, require_payment=True, prepayment_percent=1.0
        )
        self.assertTrue(quote._has_to_be_paid())
        processing = self.make_jsonrpc_request(
            f"/my/orders/{quote.id}/transaction",
            {
                "access_token": quote.access_token,
                "provider_id": provider.id,
                "payment_method_id": provider.payment_method_ids[:1].id,
                "token_id": None,
                "amount": quote.amount_total,
                "flow": "direct",
                "tokenization_requested": False,
                "landing_route": quote.get_portal_url(),
            },
        )
        tx = (
            self.env["payment.transaction"]
            .sudo()
            .search([("reference", "=", processing["reference"])])
        )
        self.assertEqual(tx.sale_order_ids, quote)
        # The provider tells Odoo the payment went through.
        tx._set_done()
        with self.mock_mail_gateway():
            self.make_jsonrpc_request("/payment/status/poll", {})
        self.assertEqual(quote.state, "sale")
        entry = self._entries(quote, document_type_id=self.type_accepted.id)
        self.assertEqual(entry.partner_id, quote.partner_invoice_id)
        self.assertEqual(entry.information_flow, "inbound")
        self.assertEqual(entry.initiated_by, "them")
        self.assertEqual(entry.channel, "online")
        self.assertEqual(entry.user_id, self.user_salesman)

    def _dummy_payment_provider(self):
        """A provider with nothing behind it, as payment's own tests make,
        paid into the company's bank journal."""
        method = self.env.ref("payment.payment_method_unknown")
        provider = self.env["payment.provider"].create(
            {
                "name": "Dummy Provider",
                "code": "none",
                "state": "test",
                "is_published": True,
                "company_id": self.company.id,
                "payment_method_ids": [Command.set(method.ids)],
            }
        )
        method.active = True
        journal = self.env["account.journal"].search(
            [("company_id", "=", self.company.id), ("type", "=", "bank")], limit=1
        )
        self.env["account.payment.method.line"].create(
            {
                "name": provider.name,
                "payment_method_id": self.env.ref(
                    "account.account_payment_method_manual_in"
                ).id,
                "journal_id": journal.id,
                "payment_provider_id": provider.id,
            }
        )
        return provider

    # ------------------------------------------------------------------
    # Viewed online
    # ------------------------------------------------------------------

    def test_first_view_by_the_customer_is_logged_once(self):
        quote = self._quote()
        self.assertEqual(self._open(quote).status_code, 200)
        entry = self._entries(quote, document_type_id=self.type_viewed.id)
        self.assertRecordValues(
            entry,
            [
                {
                    "partner_id": self.customer.id,
                    "information_flow": "inbound",
                    "initiated_by": "them",
                    "channel": "online",
                    "user_id": self.user_salesman.id,
                }
            ],
        )
        self._open(quote)
        self._open(quote, report_type="pdf", download="true")
        self.assertEqual(
            self._entries(quote, document_type_id=self.type_viewed.id), entry
        )

    def test_preview_by_our_user_is_not_a_view(self):
        quote = self._quote()
        self.authenticate("salesman", "salesman")
        self.assertEqual(self._open(quote).status_code, 200)
        self.assertFalse(self._entries(quote, document_type_id=self.type_viewed.id))

    def test_wrong_link_and_orders_are_not_views(self):
        quote = self._quote()
        self.assertIn(self._open(quote, access_token="wrong").status_code, (302, 303))
        order = self._quote()
        order.action_confirm()
        self._open(order)
        self.assertFalse(
            self._entries(quote | order, document_type_id=self.type_viewed.id)
        )

    def test_upgrade_moves_portal_entries_to_online(self):
        """Entries logged from the portal before the Online channel existed
        were filed under Other: the upgrade moves them, and only them."""
        quote = self._quote()
        self._open(quote)
        viewed = self._entries(quote, document_type_id=self.type_viewed.id)
        sent = self.env["interaction.log.entry"]._log_interaction(
            quote, "sale_quote", channel="paper"
        )
        self.assertTrue(viewed)
        self.assertTrue(sent)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE interaction_log_entry SET channel = 'other' WHERE id IN %s",
            [tuple((viewed | sent).ids)],
        )
        self.env.invalidate_all()
        before = {entry: entry.channel for entry in sent}

        path = Path(get_module_path("interaction_autolog")).joinpath(
            "migrations", "18.0.1.3.0", "post-online_channel.py"
        )
        spec = importlib.util.spec_from_file_location("online_channel", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.2.0")
        self.env.invalidate_all()

        self.assertEqual(viewed.channel, "online")
        self.assertEqual({entry: entry.channel for entry in sent}, before)
