from odoo import models
from odoo.tools import html2plaintext, is_html_empty


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # Every way of marking an activity done (the chatter, the activity
        # view, "Done & schedule next") ends here, and the activities are
        # deleted or archived by super(): read the calls first. Activities
        # already done (archived) are not logged again.
        logging = self.env["interaction.document.type"]._logging_enabled()
        calls = [
            (
                activity.res_model,
                activity.res_id,
                activity.summary or activity.activity_type_id.name,
            )
            for activity in self
            if logging
            and activity.active
            and activity.activity_category == "phonecall"
            and activity.res_model
            and activity.res_id
        ]
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if calls:
            self._interaction_log_calls(calls, feedback)
        return result

    def _interaction_log_calls(self, calls, feedback):
        """Log a ``phone_call`` per done call activity, for its record's contact."""
        Entry = self.env["interaction.log.entry"]
        note = False
        if feedback and not is_html_empty(feedback):
            note = html2plaintext(feedback) if "<" in feedback else feedback
        for res_model, res_id, name in calls:
            if res_model not in self.env:
                continue
            # The user may complete an activity on a record they cannot read
            # (Odoo allows it); the entry is created by the engine anyway.
            record = self.env[res_model].sudo().browse(res_id).exists()
            if not record:
                continue
            Entry._log_interaction(
                record, "phone_call", channel="phone", name=name, note=note
            )
