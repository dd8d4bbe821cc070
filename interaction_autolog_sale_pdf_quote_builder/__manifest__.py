{
    "name": "Interaction Log - Sales PDF Quote Builder",
    "summary": "Also log quotations printed with the Quote Builder's "
    "Quotation / Order report",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "website": "https://github.com/interaction-autolog/interaction-autolog",
    "author": "Interaction Autolog",
    "maintainers": ["interaction-autolog"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": [
        "interaction_autolog",
        "interaction_autolog_sale",
        "sale_pdf_quote_builder",
    ],
    "data": ["data/interaction_document_type_data.xml"],
    "installable": True,
    "auto_install": True,
}
