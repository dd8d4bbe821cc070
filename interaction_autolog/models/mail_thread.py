from odoo import models


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
                document_type=self.env[
                    "interaction.document.type"
                ]._email_type_from_context(),
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
        # One batch of the composer, logged in one go.
        partners_by_message = {}
        for mail in mails:
            if "mailing_id" in mail._fields and mail.mailing_id:
                continue  # mass mailing campaigns have their own statistics
            if mail.model != self._name or mail.res_id not in self.ids:
                continue
            if mail.mail_message_id and mail.recipient_ids:
                partners_by_message[mail.mail_message_id.id] = mail.recipient_ids
        if partners_by_message:
            self.env["mail.message"].browse(
                list(partners_by_message)
            )._interaction_log_outgoing_batch(
                partners_by_message,
                document_type=self.env[
                    "interaction.document.type"
                ]._email_type_from_context(),
                # The composer has just rendered its mails on them.
                records=self,
            )
        return result
