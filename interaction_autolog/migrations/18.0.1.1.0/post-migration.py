"""Since 18.0.1.1.0 an entry's group and company contact are copied when it
is logged instead of following the template and the contact.

The columns keep the values the related fields stored: they are the history
as logged and are not recomputed. Only an entry without a value (none is
expected) gets the current one.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE interaction_log_entry e
           SET commercial_partner_id = p.commercial_partner_id
          FROM res_partner p
         WHERE p.id = e.partner_id AND e.commercial_partner_id IS NULL
        """
    )
    cr.execute(
        """
        UPDATE interaction_log_entry e
           SET group_id = t.group_id
          FROM interaction_template t
         WHERE t.id = e.template_id AND e.group_id IS NULL
        """
    )
