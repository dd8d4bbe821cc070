{
    "name": "Interaction Log - Purchase Agreements",
    "summary": "Log blanket orders printed or emailed to vendors",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "website": "https://github.com/interaction-autolog/interaction-autolog",
    "author": "Interaction Autolog",
    "maintainers": ["interaction-autolog"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["interaction_autolog", "purchase_requisition"],
    "data": [
        "data/interaction_template_data.xml",
        "data/interaction_document_type_data.xml",
        "views/purchase_requisition_views.xml",
    ],
    "demo": [
        "demo/purchase_requisition_demo.xml",
        "demo/interaction_log_entry_demo.xml",
    ],
    "installable": True,
    "auto_install": True,
}
