from odoo import api, models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _notify_thread_by_email(
        self, message, recipients_data, msg_vals=False, **kwargs
    ):
        # Called once per message when its emails are generated: right away,
        # or at the scheduled date for a scheduled message (never both), and
        # again only to re-send it: this is where an email becomes an
        # interaction. Logged before the mails exist, as queued: each entry
        # then follows its mail.notification (sent, failed, bounced), also
        # when Odoo sends at once.
        email_pids = [r["id"] for r in recipients_data if r["notif"] == "email"]
        # A blank setup logs nothing: answered from memory, no query.
        if email_pids and self.env["interaction.document.type"]._logging_enabled():
            # msg_vals holds what message_post just wrote: no need to read it.
            values = msg_vals or {}
            model = values["model"] if "model" in values else message.model
            res_id = values["res_id"] if "res_id" in values else message.res_id
            on_record = len(self) == 1 and model == self._name and res_id == self.id
            message.sudo()._interaction_log_outgoing(
                self.env["res.partner"].sudo().browse(email_pids),
                document_type=self.env.context.get("interaction_document_type"),
                record=self.sudo() if on_record else None,
                check_existing=bool(kwargs.get("resend_existing")),
            )
        return super()._notify_thread_by_email(
            message, recipients_data, msg_vals=msg_vals, **kwargs
        )

    def _message_post_after_hook(self, message, msg_values):
        result = super()._message_post_after_hook(message, msg_values)
        # The mail gateway posts what it receives as an "email" message.
        if (
            msg_values.get("message_type") == "email"
            and self.env.context.get("interaction_inbound", True)
            and self.env["interaction.document.type"]._logging_enabled()
        ):
            message.sudo()._interaction_log_inbound()
        return result

    def _message_mail_after_hook(self, mails):
        # The composer's mass-mail mode (several documents at once) creates
        # one mail.mail per document without notifications.
        result = super()._message_mail_after_hook(mails)
        if not self.env["interaction.document.type"]._logging_enabled():
            return result
        for mail in mails:
            if "mailing_id" in mail._fields and mail.mailing_id:
                continue  # mass mailing campaigns have their own statistics
            if mail.model != self._name or mail.res_id not in self.ids:
                continue
            mail.mail_message_id._interaction_log_outgoing(
                mail.recipient_ids,
                document_type=self.env.context.get("interaction_document_type"),
            )
        return result

    @api.model
    def message_route(
        self, message, message_dict, model=None, thread_id=None, custom_values=None
    ):
        # An email to the log address is routed by its own rules: from a
        # user it is logged, whatever it replies to; from anyone else it is
        # refused, unless it answers a conversation Odoo knows.
        LogMail = self.env["interaction.log.mail"]
        if not message_dict.get("is_bounce"):
            routes = LogMail._log_address_routes(
                message, message_dict, fallback_model=model
            )
            if routes is None:
                pass
            elif routes and LogMail._log_address_other_aliases(message):
                # Also sent to another alias (a helpdesk or sales address):
                # that alias still creates its document. A reply posted into
                # an existing thread is left out: Odoo would send it to the
                # thread's followers, who had it from the user already.
                others = super().message_route(
                    message,
                    message_dict,
                    model=model,
                    thread_id=thread_id,
                    custom_values=custom_values,
                )
                return [
                    route
                    for route in others
                    if route[4] and not route[1] and route[0] != LogMail._name
                ] + routes
            else:
                return routes
        return super().message_route(
            message,
            message_dict,
            model=model,
            thread_id=thread_id,
            custom_values=custom_values,
        )
