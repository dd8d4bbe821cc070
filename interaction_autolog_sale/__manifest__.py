{
    "name": "Interaction Log - Sales",
    "summary": "Log quotations and sales orders printed or emailed to customers",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "website": "https://github.com/interaction-autolog/interaction-autolog",
    "author": "Interaction Autolog",
    "maintainers": ["interaction-autolog"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["interaction_autolog", "sale"],
    "data": [
        "data/interaction_template_data.xml",
        "data/interaction_document_type_data.xml",
        "views/sale_order_views.xml",
    ],
    "demo": [
        "demo/interaction_template_demo.xml",
        "demo/sale_order_demo.xml",
        "demo/interaction_log_entry_demo.xml",
        "demo/interaction_log_entry_portal_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["interaction_autolog_sale/static/tests/tours/**/*"],
    },
    "installable": True,
    "auto_install": True,
}
