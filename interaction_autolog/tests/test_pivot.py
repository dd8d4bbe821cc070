from datetime import datetime

from odoo.tests import tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install")
class TestPivot(InteractionCommon):
    """The Interactions pivot and graph read the same groups, in the same
    order, as Odoo's default; only cheaper (see _read_group)."""

    def test_groups_and_order_as_odoo_gives_them(self):
        Group = self.env["interaction.group"]
        Template = self.env["interaction.template"]
        late = Group.create({"code": "ZZ", "name": "Last group", "sequence": 99})
        first = Group.create({"code": "AA", "name": "First group", "sequence": 1})
        templates = Template.create(
            [
                {"code": "T-B", "name": "B", "group_id": first.id},
                {"code": "T-A", "name": "A", "group_id": late.id},
                {"code": "T-C", "name": "C", "group_id": first.id},
            ]
        )
        values = []
        for month, template in (
            (1, templates[0]),
            (3, templates[1]),
            (2, templates[2]),
            (3, templates[2]),
            (5, templates[0]),
        ):
            values.append(
                {
                    "partner_id": self.contact.id,
                    "name": "Visit",
                    "template_id": template.id,
                    "date": datetime(2024, month, 15, 12),
                    "cost": month,
                    "duration": 10,
                }
            )
        # Without a template, too: such groups come last.
        values.append(
            {
                "partner_id": self.contact.id,
                "name": "Note",
                "date": datetime(2024, 4, 2),
            }
        )
        self.Entry.create(values)
        domain = [("partner_id", "=", self.contact.id), ("canceled", "=", False)]
        measures = ["cost:sum", "duration:sum", "__count"]
        for groupby in (
            ["template_id"],
            ["template_id", "date:month"],
            ["date:month", "group_id"],
            ["date:quarter", "template_id"],
        ):
            with self.subTest(groupby=groupby):
                ours = self.Entry.read_group(domain, measures, groupby, lazy=False)
                # An explicit order takes Odoo's own way: joins and SQL order.
                odoo = self.Entry.read_group(
                    domain,
                    measures,
                    groupby,
                    orderby=",".join(f"{spec} ASC" for spec in groupby),
                    lazy=False,
                )
                self.assertEqual(ours, odoo)
        rows = self.Entry.read_group(domain, measures, ["template_id"], lazy=False)
        self.assertEqual(
            [row["template_id"] and row["template_id"][0] for row in rows],
            [templates[0].id, templates[2].id, templates[1].id, False],
        )
