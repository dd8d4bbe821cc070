import logging

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import InteractionSaleCase

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestSalePrint(InteractionSaleCase):
    def test_print_quote_twice(self):
        """Each print of a quotation logs one paper entry, versions 1 then 2."""
        quote = self._create_orders()
        self.assertEqual(quote.state, "draft")

        self._print(quote)
        entry = self._entries(quote)
        self.assertRecordValues(
            entry,
            [
                {
                    "partner_id": self.customer.id,
                    "document_type_id": self.type_quote.id,
                    "template_id": self.template_quote.id,
                    "group_id": self.env.ref(
                        "interaction_autolog.interaction_group_sales"
                    ).id,
                    "channel": "paper",
                    "res_model": "sale.order",
                    "res_id": quote.id,
                    "document_name": quote.name,
                    "document_version": 1,
                    "cost": 2.5,
                    "duration": 5.0,
                    "user_id": self.user_admin.id,
                    "company_id": self.company.id,
                    "is_automatic": True,
                    "delivery_status": False,
                }
            ],
        )

        self._print(quote)
        entries = self._entries(quote)
        self.assertEqual(len(entries), 2)
        self.assertEqual(entries.mapped("document_version"), [1, 2])
        self.assertEqual(quote.interaction_log_count, 2)
        action = quote.action_view_interaction_log()
        self.assertEqual(self.Entry.search(action["domain"]), entries)

    def test_print_order_twice(self):
        """A confirmed order prints the same report but logs as sale_order."""
        order = self._create_orders()
        order.action_confirm()
        self.assertEqual(order.state, "sale")

        self._print(order)
        self._print(order)
        entries = self._entries(order)
        self.assertRecordValues(
            entries,
            [
                {
                    "partner_id": self.customer.id,
                    "document_type_id": self.type_order.id,
                    "template_id": self.template_order.id,
                    "channel": "paper",
                    "res_model": "sale.order",
                    "res_id": order.id,
                    "document_name": order.name,
                    "document_version": version,
                    "cost": 4.0,
                }
                for version in (1, 2)
            ],
        )

    def test_print_quote_then_order_versions_per_type(self):
        """Versions count per document type: the order starts again at 1."""
        order = self._create_orders()
        self._print(order)
        order.action_confirm()
        self._print(order)
        self.assertEqual(
            [(e.document_type_id, e.document_version) for e in self._entries(order)],
            [(self.type_quote, 1), (self.type_order, 1)],
        )

    def test_print_blank_template_logs_nothing(self):
        """A blank template in the setup: the print works, nothing is logged."""
        self.type_quote.with_company(self.company).template_id = False
        quote = self._create_orders()
        response = self._print(quote)
        self.assertIn(quote.name, response.text)
        self.assertFalse(self._entries(quote))

    def test_print_hundred_quotes(self):
        """100 quotations printed at once log 100 entries, one per quotation."""
        quotes = self._create_orders(100)
        self._print(quotes)
        entries = self._entries(quotes)
        self.assertEqual(len(entries), 100)
        self.assertEqual(set(entries.mapped("res_id")), set(quotes.ids))
        self.assertEqual(set(entries.mapped("document_version")), {1})

    def test_print_query_count_constant(self):
        """Logging a print costs the same queries for 1 and for 100 records."""
        Report = self.env["ir.actions.report"]
        one = self._create_orders()
        hundred = self._create_orders(100)
        counts = {}
        for records in (one, hundred):
            self.env.invalidate_all()
            self.env.registry.clear_cache()
            # warm the caches shared by both runs (report, document types)
            Report._interaction_log_print("sale.report_saleorder", [], "pdf")
            before = self.cr.sql_log_count
            entries = Report._interaction_log_print(
                "sale.report_saleorder", records.ids, converter="pdf"
            )
            counts[len(records)] = self.cr.sql_log_count - before
            self.assertEqual(len(entries), len(records))
        _logger.info("Queries to log a print of 1 / 100 quotations: %s", counts)
        self.assertEqual(counts[1], counts[100], counts)

    def test_print_by_salesman(self):
        """A salesman's print is logged as theirs; the setup stays closed."""
        quote = self._create_orders(user_id=self.user_salesman.id)
        self._print(quote, login="salesman")
        self.assertRecordValues(
            self._entries(quote),
            [
                {
                    "user_id": self.user_salesman.id,
                    "salesperson_id": self.user_salesman.id,
                    "partner_id": self.customer.id,
                    "document_type_id": self.type_quote.id,
                }
            ],
        )
        doc_type = self.type_quote.with_user(self.user_salesman)
        with self.assertRaises(AccessError):
            doc_type.write({"template_id": False})
        with self.assertRaises(AccessError):
            self.template_quote.with_user(self.user_salesman).unit_cost = 0
        self.assertEqual(
            self.type_quote.with_company(self.company).template_id,
            self.template_quote,
        )

    def test_print_route_query_count(self):
        """Through the route: what logging adds does not grow with records."""
        one = self._create_orders()
        hundred = self._create_orders(100)
        template = self.type_quote.with_company(self.company).template_id
        self._print(one + hundred)  # warm the report and the session
        added = {}
        for records in (one, hundred):
            counts = {}
            for setup in (False, template):
                self.type_quote.with_company(self.company).template_id = setup
                self.env.flush_all()
                before = self.cr.sql_log_count
                self._print(records)
                counts[bool(setup)] = self.cr.sql_log_count - before
            added[len(records)] = counts[True] - counts[False]
        _logger.info("Queries logging adds to the print route, 1 / 100: %s", added)
        self.assertEqual(added[1], added[100], added)
