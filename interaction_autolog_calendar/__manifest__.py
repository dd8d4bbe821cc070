{
    "name": "Interaction Log - Calendar",
    "summary": "Log meeting invitations sent to attendees",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "website": "https://github.com/interaction-autolog/interaction-autolog",
    "author": "Interaction Autolog",
    "maintainers": ["interaction-autolog"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["interaction_autolog", "calendar"],
    "data": [
        "data/interaction_template_data.xml",
        "data/interaction_document_type_data.xml",
        "views/calendar_event_views.xml",
    ],
    "demo": [
        "demo/interaction_template_demo.xml",
        "demo/calendar_event_demo.xml",
        "demo/interaction_log_entry_demo.xml",
    ],
    "installable": True,
    "auto_install": True,
}
