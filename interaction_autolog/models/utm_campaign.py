from odoo import api, fields, models
from odoo.tools import SQL


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
            count, reached, answered = figures.get(campaign.id, (0, 0, 0))
            campaign.interaction_count = count
            campaign.interaction_partner_count = reached
            campaign.interaction_answered_count = answered

    def _interaction_figures(self, contact_ids=False):
        """``{campaign id: (entries, contacts reached, contacts who answered)}``:
        counts, or with ``contact_ids`` the contacts' ids as sets.

        One query for any number of campaigns, summed in PostgreSQL: a
        campaign reaches thousands of contacts, and a row per contact made
        into records cost more than the query itself. Canceled entries
        count nowhere; like a template's figures, only the entries of the
        user's companies are counted.
        """
        campaigns = self.filtered("id")
        if not campaigns:
            return {}
        Entry = self.env["interaction.log.entry"]
        Entry.flush_model(
            [
                "campaign_id",
                "partner_id",
                "date",
                "canceled",
                "company_id",
                "information_flow",
            ]
        )
        # Not canceled, in the user's companies: the record rule, and the
        # predicate of the campaign and inbound indexes.
        kept = SQL(
            "(%(e)s.canceled IS NULL OR %(e)s.canceled = FALSE)"
            " AND %(e)s.company_id IN %(companies)s",
            e=SQL.identifier("e"),
            companies=tuple(self.env.companies.ids),
        )
        figure = (
            SQL("array_agg(partner_id), array_agg(partner_id) FILTER (WHERE answered)")
            if contact_ids
            else SQL("count(*), count(*) FILTER (WHERE answered)")
        )
        # A contact answered with an inbound entry after the campaign's
        # first entry, whatever its campaign: a reply is rarely filed under
        # the campaign itself. One probe of the inbound index per contact.
        self.env.cr.execute(
            SQL(
                """
                WITH reached AS (
                    SELECT campaign_id, partner_id, count(*) AS entries,
                           min(date) AS first
                      FROM interaction_log_entry e
                     WHERE campaign_id IN %(campaigns)s AND %(kept)s
                  GROUP BY campaign_id, partner_id
                ), started AS (
                    SELECT campaign_id, min(first) AS first
                      FROM reached GROUP BY campaign_id
                ), answered AS (
                    SELECT r.campaign_id, r.partner_id, r.entries, EXISTS (
                               SELECT FROM interaction_log_entry e
                                WHERE e.partner_id = r.partner_id
                                  AND e.information_flow = 'inbound'
                                  AND e.date > s.first AND %(kept)s
                           ) AS answered
                      FROM reached r JOIN started s USING (campaign_id)
                )
                SELECT campaign_id, sum(entries)::int, %(figure)s
                  FROM answered GROUP BY campaign_id
                """,
                campaigns=tuple(campaigns.ids),
                kept=kept,
                figure=figure,
            )
        )
        return {
            campaign_id: (
                (count, set(reached), set(answered or ()))
                if contact_ids
                else (count, reached, answered)
            )
            for campaign_id, count, reached, answered in self.env.cr.fetchall()
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
        figures = self._interaction_figures(contact_ids=True).get(
            self.id, (0, set(), set())
        )
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "res.partner",
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", sorted(figures[figure]))],
        }
