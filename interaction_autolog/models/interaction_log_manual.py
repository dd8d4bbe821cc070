"""Logging by hand: what the Log Interaction and Call wizards share.

The wizards create their entries through the engine (``_log_matched``);
this model checks, before anything is written, that the user may log
against the document, and says afterwards what was logged, in the
document's chatter and in a notification.
"""

from collections import defaultdict

from markupsafe import Markup

from odoo import api, models
from odoo.exceptions import AccessError, UserError


class InteractionLogManual(models.AbstractModel):
    _name = "interaction.log.manual"
    _description = "Interaction Logging by Hand"

    @api.model
    def _manual_logging_document(self, res_model, res_id):
        """The document a wizard logs against, from the model and id the
        client sent; None when it sent none. A model that is not installed
        or a document that is gone is an error, not a dangling link."""
        if not res_model and not res_id:
            return None
        if not res_model or res_model not in self.env or not res_id:
            raise UserError(
                self.env._("The document this interaction is about is unknown.")
            )
        record = self.env[res_model].browse(res_id).sudo().exists()
        if not record:
            raise UserError(
                self.env._("The document this interaction is about no longer exists.")
            )
        return record.sudo(False)

    @api.model
    def _check_manual_logging_access(self, records):
        """Refuse, before anything is written, to log by hand against
        ``records`` what the user may not: link an entry to a document they
        cannot read, or post its line in a chatter they may not post in (as
        the document's model asks: write access for most).

        Only documents with a chatter are logged against by hand.
        """
        if not isinstance(records, self.env.registry["mail.thread"]):
            raise AccessError(
                self.env._(
                    "Interactions are logged only on documents with a chatter, "
                    "not on %s.",
                    records._description,
                )
            )
        documents = records.with_env(self.env(su=False))
        documents.check_access("read")
        documents.check_access(getattr(records, "_mail_post_access", "write"))

    def _action_logged(self):
        """What a wizard returns once it logged these entries by hand: a line
        in the chatter of what they are about, and a notification saying what
        was logged, so the dialog does not close silently."""
        self._post_logged_note()
        if len(self) == 1:
            message = self.env._(
                "%(interaction)s logged for %(contact)s.",
                interaction=self.display_name,
                contact=self.partner_id.display_name,
            )
        else:
            message = self.env._("%(count)s interactions logged.", count=len(self))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": message,
                "next": {
                    "type": "ir.actions.act_window_close",
                    "infos": {"entry_ids": self.ids},
                },
            },
        }

    def _post_logged_note(self):
        """One line per entry in the chatter of the document it is about (the
        contact when there is none): colleagues reading it see the call."""
        bodies = defaultdict(dict)
        for entry in self:
            model, res_id = entry.res_model, entry.res_id
            if not (model and res_id and model in self.env):
                model, res_id = "res.partner", entry.partner_id.id
            line = self.env._(
                "Interaction logged: %(template)s, %(description)s",
                template=entry.template_id.name or "",
                description=entry.display_name,
            )
            if model == "res.partner" and res_id == entry.partner_id.id:
                line = Markup("%s") % line
            else:
                line = Markup("%s (%s)") % (line, entry.partner_id.display_name)
            previous = bodies[model].get(res_id)
            bodies[model][res_id] = (
                Markup("%s<br/>%s") % (previous, line) if previous else line
            )
        for model, model_bodies in bodies.items():
            # As the user who logged them (the wizards checked that they may
            # post there), not as the superuser the engine creates with.
            Model = self.env[model].sudo(False)
            if not hasattr(Model, "_message_log_batch"):
                continue
            records = Model.browse(list(model_bodies)).exists()
            records._message_log_batch(
                {record.id: model_bodies[record.id] for record in records}
            )
