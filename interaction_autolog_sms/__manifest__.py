{
    "name": "Interaction Log - SMS",
    "summary": "Log text messages sent to contacts, with their delivery status",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "website": "https://github.com/interaction-autolog/interaction-autolog",
    "author": "Interaction Autolog",
    "maintainers": ["interaction-autolog"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["interaction_autolog", "sms"],
    "data": [
        "data/interaction_group_data.xml",
        "data/interaction_template_data.xml",
        "data/interaction_document_type_data.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        "demo/interaction_log_entry_demo.xml",
    ],
    "installable": True,
    "auto_install": True,
}
