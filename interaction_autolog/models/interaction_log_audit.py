"""The audit trail: what may be written on an interaction log entry.

An entry the engine logged says what happened: a user may change only their
judgement of it and what it really cost, a manager also cancels and restores
it, and only the engine (its pass, see ``interaction.log.engine``) sets the
facts it alone knows. The contact's company and the template's group are
copied when the entry is logged, so that later changes do not rewrite
history. ``interaction.log.entry`` inherits these checks and runs them in
its ``create``, ``write`` and ``unlink``.
"""

from odoo import api, models
from odoo.exceptions import AccessError

# What a user may change on an entry the engine logged: their judgement of
# it and what it really cost. Everything else says what happened.
USER_EDITABLE_FIELDS = {"note", "evaluation", "cost", "duration", "attempt_failed"}
# What only a manager may change, on any entry.
MANAGER_ONLY_FIELDS = {"canceled"}
# Facts only the engine knows: which call, which email, how it was delivered,
# which version of which document. Typed in by hand they would plant an email
# or a call that never happened, or take a document's next version.
ENGINE_ONLY_FIELDS = {
    "external_call_id",
    "mail_message_id",
    "delivery_status",
    "opened_date",
    "document_version",
    "document_type_id",
}


class InteractionLogAudit(models.AbstractModel):
    _name = "interaction.log.audit"
    _description = "Interaction Log Audit Trail"

    @api.model
    def _check_create(self, vals_list):
        """Refuse, outside the engine, entries marked automatic and the
        facts only the engine sets."""
        if self._is_engine():
            return
        if any(
            vals.get("is_automatic", self.env.context.get("default_is_automatic"))
            for vals in vals_list
        ):
            raise AccessError(
                self.env._(
                    "Only the interaction engine logs entries automatically: an "
                    "interaction logged by hand cannot be marked as logged "
                    "automatically."
                )
            )
        self._check_engine_only_fields(vals_list)

    def _check_write(self, vals):
        if not self._is_engine():
            self._check_protected_fields(vals)
            self._check_engine_only_fields([vals], self)
            self._check_canceled(vals)
        if MANAGER_ONLY_FIELDS & set(vals) and not self.env.su:
            self._check_manager()

    def _check_engine_only_fields(self, vals_list, entries=None):
        """Refuse what only the engine may set, typed in or sent over RPC."""
        given = set()
        for vals in vals_list:
            for fname in ENGINE_ONLY_FIELDS:
                value = vals.get(fname)
                if entries is None:
                    value = value or self.env.context.get(f"default_{fname}")
                    # A hand-made entry is the first and only version of
                    # what it is about: the default, not a choice.
                    if fname == "document_version" and value == 1:
                        continue
                    if not value:
                        continue
                elif fname not in vals:
                    continue
                given.add(fname)
        if not given:
            return
        labels = sorted(
            self._fields[fname]._description_string(self.env) for fname in given
        )
        raise AccessError(
            self.env._(
                "Only the interaction engine sets %(fields)s: they record which "
                "email, call or document version an interaction is.",
                fields=", ".join(labels),
            )
        )

    def _check_canceled(self, vals):
        """A canceled entry counts nowhere and is kept as it was: read-only,
        except for the manager who restores it."""
        canceled = self.filtered("canceled")
        if not canceled:
            return
        if self.env.su and self.env.context.get("install_mode"):
            return  # a module's data file loaded again (its demo entries)
        if set(vals) == {"canceled"} and not vals["canceled"]:
            return  # restoring: checked as a manager-only field below
        raise AccessError(
            self.env._(
                "%s is canceled and can no longer be changed. An Interactions "
                "Administrator can restore it first.",
                canceled[:1].display_name,
            )
        )

    def _check_protected_fields(self, vals):
        """Entries the engine logged are an audit trail, on the server too."""
        if "is_automatic" in vals and (
            vals["is_automatic"] or any(entry.is_automatic for entry in self)
        ):
            raise AccessError(
                self.env._(
                    "Whether an interaction was logged automatically cannot be changed."
                )
            )
        protected = set(vals) - USER_EDITABLE_FIELDS - MANAGER_ONLY_FIELDS
        if not protected or not any(entry.is_automatic for entry in self):
            return
        labels = sorted(
            self._fields[fname]._description_string(self.env)
            for fname in protected
            if fname in self._fields
        )
        raise AccessError(
            self.env._(
                "Interactions logged automatically are an audit trail: "
                "%(fields)s cannot be changed. You can change the note, the "
                "evaluation, the cost, the duration and whether the attempt "
                "failed.",
                fields=", ".join(labels) or ", ".join(sorted(protected)),
            )
        )

    @api.model
    def _fill_copied_values(self, vals_list):
        """Give entries logged by hand their contact's company and their
        template's group as they are now (the engine gives both)."""
        partner_ids = {
            vals["partner_id"]
            for vals in vals_list
            if vals.get("partner_id") and "commercial_partner_id" not in vals
        }
        template_ids = {
            vals["template_id"]
            for vals in vals_list
            if vals.get("template_id") and "group_id" not in vals
        }
        if not partner_ids and not template_ids:
            return
        partners = self.env["res.partner"].sudo().browse(partner_ids)
        commercial = {p.id: p.commercial_partner_id.id for p in partners}
        templates = self.env["interaction.template"].sudo().browse(template_ids)
        groups = {t.id: t.group_id.id for t in templates}
        for vals in vals_list:
            if "commercial_partner_id" not in vals:
                vals["commercial_partner_id"] = commercial.get(vals.get("partner_id"))
            if "group_id" not in vals:
                vals["group_id"] = groups.get(vals.get("template_id"), False)

    def _copied_values_on_write(self, vals):
        # An entry logged by hand may get another contact or template.
        vals = dict(vals)
        if "partner_id" in vals and "commercial_partner_id" not in vals:
            partner = self.env["res.partner"].sudo().browse(vals["partner_id"])
            vals["commercial_partner_id"] = partner.commercial_partner_id.id
        if "template_id" in vals and "group_id" not in vals:
            template = (
                self.env["interaction.template"].sudo().browse(vals["template_id"])
            )
            vals["group_id"] = template.group_id.id
        return vals

    def _check_manager(self):
        if not self.env.user.has_group("interaction_autolog.group_interaction_manager"):
            raise AccessError(
                self.env._(
                    "Only an Interactions Administrator can cancel or delete entries."
                )
            )
