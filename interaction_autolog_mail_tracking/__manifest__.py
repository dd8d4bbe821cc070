{
    "name": "Interaction Log - Email Tracking",
    "summary": "Email entries follow OCA mail_tracking: failed, bounced, opened",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "website": "https://github.com/interaction-autolog/interaction-autolog",
    "author": "Interaction Autolog",
    "maintainers": ["interaction-autolog"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["interaction_autolog", "mail_tracking"],
    "installable": True,
    "auto_install": True,
}
