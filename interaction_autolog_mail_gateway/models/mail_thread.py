import logging

from odoo import api, models

_logger = logging.getLogger(__name__)


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.model
    def message_route(
        self, message, message_dict, model=None, thread_id=None, custom_values=None
    ):
        # The log address only adds logging: Odoo routes the email first,
        # exactly as without it (a reply posted on its document, another
        # alias creating its document), then the log address adds its own
        # route, last, so that it logs only the contacts nothing else did.
        LogMail = self.env["interaction.log.mail"]
        LogAddress = self.env["interaction.log.address"]
        if message_dict.get("is_bounce"):
            return super().message_route(
                message,
                message_dict,
                model=model,
                thread_id=thread_id,
                custom_values=custom_values,
            )
        log_addresses = LogAddress._log_address_all()
        if not log_addresses and model != LogMail._name:
            return super().message_route(
                message,
                message_dict,
                model=model,
                thread_id=thread_id,
                custom_values=custom_values,
            )
        # Odoo takes an email to an alias of another model for a forward,
        # not a reply: without the log address in its recipients, it routes
        # the email as it would have without the log address.
        saved = {key: message_dict.get(key) for key in ("to", "recipients")}
        for key, value in saved.items():
            message_dict[key] = LogAddress._log_address_without(value, log_addresses)
        try:
            routes = super().message_route(
                message,
                message_dict,
                model=model,
                thread_id=thread_id,
                custom_values=custom_values,
            )
        except ValueError as error:
            # No route at all: only the log address may still take it.
            routes = []
            no_route = error
        else:
            no_route = None
        finally:
            message_dict.update(saved)
        # The log address itself is an alias of ours (and a dedicated
        # mailbox's fallback): Odoo's plain route to a new logged email
        # gives way to the log address's own decision. Replies into an
        # existing logged email stay.
        others = [route for route in routes if route[0] != LogMail._name or route[1]]
        try:
            log_routes = LogAddress._log_address_routes(
                message, message_dict, fallback_model=model, accepted=bool(others)
            )
        except Exception:
            # Never lose the conversation to the log address.
            _logger.warning(
                "The log address could not handle Message-Id %s: routed as without it",
                message_dict.get("message_id"),
                exc_info=True,
            )
            return others or routes
        if log_routes is None:
            if no_route:
                raise no_route
            return routes
        return others + log_routes
