MODULE = "interaction_autolog_calendar"


def _document_types(env):
    data = env["ir.model.data"].search(
        [("module", "=", MODULE), ("model", "=", "interaction.document.type")]
    )
    return (
        env["interaction.document.type"]
        .with_context(active_test=False)
        .browse(data.mapped("res_id"))
        .exists()
    )


def post_init_hook(env):
    # A reinstall finds the document types an earlier uninstall archived.
    _document_types(env).write({"active": True})


def uninstall_hook(env):
    # Entries are an audit trail: Odoo cannot delete the document types they
    # refer to and leaves them behind. Archive them all so that the app's
    # prints and emails stop being logged once this addon is gone.
    _document_types(env).write({"active": False})
