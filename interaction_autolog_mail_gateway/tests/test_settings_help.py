from lxml import etree

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestLogAddressSettingsHelp(TransactionCase):
    def test_settings_say_how_mail_reaches_odoo(self):
        # The address logs nothing until mail for its domain reaches Odoo:
        # the setting says how, and opens the incoming mail servers.
        arch = etree.fromstring(
            self.env["res.config.settings"].get_view(view_type="form")["arch"]
        )
        [help_block] = arch.xpath("//div[@name='interaction_log_address_mail_flow']")
        text = " ".join(help_block.itertext())
        self.assertIn("MX record", text)
        self.assertIn("Incoming Mail Servers", text)
        server_action = self.env.ref("mail.action_email_server_tree")
        self.assertTrue(
            arch.xpath(
                "//setting[@id='interaction_log_address_module']"
                f"//button[@name='{server_action.id}']"
            )
        )
