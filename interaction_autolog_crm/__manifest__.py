{
    "name": "Interaction Log - CRM",
    "summary": "File interactions under their opportunity and see the deals "
    "going cold in the pipeline",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "website": "https://github.com/interaction-autolog/interaction-autolog",
    "author": "Interaction Autolog",
    "maintainers": ["interaction-autolog"],
    "license": "LGPL-3",
    "development_status": "Beta",
    # CRM depends on Calendar: the meeting glue is always there with it, and
    # a meeting planned from a lead is one of the lead's interactions.
    "depends": ["interaction_autolog", "interaction_autolog_calendar", "crm"],
    "data": [
        "views/crm_lead_views.xml",
        "views/interaction_log_entry_views.xml",
    ],
    "demo": [
        "demo/crm_lead_demo.xml",
        "demo/interaction_log_entry_demo.xml",
    ],
    "assets": {
        "web.assets_backend": ["interaction_autolog_crm/static/src/**/*"],
        "web.assets_tests": ["interaction_autolog_crm/static/tests/tours/**/*"],
    },
    "installable": True,
    "auto_install": True,
}
