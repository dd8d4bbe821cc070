{
    "name": "Interaction Log: Log Address",
    "summary": "Log the emails users write outside Odoo by putting a log "
    "address in Bcc or forwarding them to it",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/interaction-autolog/interaction-autolog",
    "author": "Interaction Autolog",
    "maintainers": ["interaction-autolog"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "installable": True,
    "post_init_hook": "post_init_hook",
    "depends": ["interaction_autolog"],
    "data": [
        "security/interaction_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "views/interaction_log_mail_views.xml",
        "views/res_config_settings_views.xml",
        "views/interaction_menus.xml",
    ],
    "demo": [
        "demo/interaction_log_mail_demo.xml",
    ],
}
