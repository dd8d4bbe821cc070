from collections import defaultdict

from odoo import api, fields, models


class UtmCampaign(models.Model):
    """A campaign's interactions: how many, whom they reached, who answered.

    Business Central keeps these figures on its campaign card; here they
    are counted from the entries that carry the campaign.
    """

    _inherit = "utm.campaign"

    interaction_count = fields.Integer(
        compute="_compute_interaction_figures",
        string="Interactions",
        groups="interaction_autolog.group_interaction_user",
    )
    interaction_partner_count = fields.Integer(
        compute="_compute_interaction_figures",
        string="Contacts Reached",
        groups="interaction_autolog.group_interaction_user",
        help="Contacts with at least one interaction of this campaign.",
    )
    interaction_answered_count = fields.Integer(
        compute="_compute_interaction_figures",
        string="Contacts Who Answered",
        groups="interaction_autolog.group_interaction_user",
        help="Contacts reached by this campaign with an inbound interaction "
        "(an email received, an incoming call …) after the campaign's "
        "first interaction.",
    )

    def _compute_interaction_figures(self):
        figures = self._interaction_figures()
        for campaign in self:
            count, reached, answered = figures.get(campaign.id, (0, set(), set()))
            campaign.interaction_count = count
            campaign.interaction_partner_count = len(reached)
            campaign.interaction_answered_count = len(answered)

    def _interaction_figures(self):
        """``{campaign id: (entries, contacts reached, contacts who answered)}``,
        the contacts as sets of ids.

        Two grouped queries for any number of campaigns. Canceled entries
        count nowhere; like a template's figures, only the entries of the
        user's companies are counted.
        """
        campaigns = self.filtered("id")
        if not campaigns:
            return {}
        # sudo: the figures are read by users who may not open every entry
        # behind them; the companies are the record rule's.
        Entry = self.env["interaction.log.entry"].sudo()
        base_domain = [
            ("canceled", "=", False),
            ("company_id", "in", self.env.companies.ids),
        ]
        rows = Entry._read_group(
            base_domain + [("campaign_id", "in", campaigns.ids)],
            ["campaign_id", "partner_id"],
            ["__count", "date:min"],
        )
        if not rows:
            return {}
        counts = defaultdict(int)
        reached = defaultdict(set)
        first = {}
        for campaign, partner, count, first_date in rows:
            counts[campaign.id] += count
            reached[campaign.id].add(partner.id)
            if campaign.id not in first or first_date < first[campaign.id]:
                first[campaign.id] = first_date
        # The latest inbound entry of every contact reached, whatever its
        # campaign: a reply is rarely filed under the campaign itself.
        last_inbound = {
            partner.id: last_date
            for partner, last_date in Entry._read_group(
                base_domain
                + [
                    ("partner_id", "in", list(set().union(*reached.values()))),
                    ("information_flow", "=", "inbound"),
                    ("date", ">", min(first.values())),
                ],
                ["partner_id"],
                ["date:max"],
            )
        }
        return {
            campaign_id: (
                counts[campaign_id],
                partner_ids,
                {
                    partner_id
                    for partner_id in partner_ids
                    if partner_id in last_inbound
                    and last_inbound[partner_id] > first[campaign_id]
                },
            )
            for campaign_id, partner_ids in reached.items()
        }

    @api.readonly
    def action_view_interactions(self):
        self.ensure_one()
        return self.env["interaction.log.entry"]._action_open_entries(
            [("campaign_id", "=", self.id)],
            name=self.title,
            context={"default_campaign_id": self.id},
        )

    @api.readonly
    def action_view_interaction_contacts(self):
        """The contacts the campaign reached."""
        return self._action_open_contacts(
            1, self.env._("Contacts Reached: %s", self.title)
        )

    @api.readonly
    def action_view_interaction_answered(self):
        """The contacts who answered the campaign."""
        return self._action_open_contacts(
            2, self.env._("Contacts Who Answered: %s", self.title)
        )

    def _action_open_contacts(self, figure, name):
        self.ensure_one()
        figures = self._interaction_figures().get(self.id, (0, set(), set()))
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "res.partner",
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", sorted(figures[figure]))],
        }
