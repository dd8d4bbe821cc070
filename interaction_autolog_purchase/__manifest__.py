{
    "name": "Interaction Log - Purchase",
    "summary": "Log requests for quotation and purchase orders printed or "
    "emailed to vendors",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "website": "https://github.com/interaction-autolog/interaction-autolog",
    "author": "Interaction Autolog",
    "maintainers": ["interaction-autolog"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "installable": True,
    "auto_install": True,
    "depends": ["interaction_autolog", "purchase"],
    "data": [
        "data/interaction_template_data.xml",
        "data/interaction_document_type_data.xml",
        "views/purchase_order_views.xml",
    ],
    "demo": [
        "demo/interaction_template_demo.xml",
        "demo/purchase_order_demo.xml",
        "demo/interaction_log_entry_demo.xml",
    ],
}
