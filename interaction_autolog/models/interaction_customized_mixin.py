from odoo import api, fields, models
from odoo.fields import Command
from odoo.tools.translate import TranslationImporter, get_po_paths

# customized_fields of records that existed before it was tracked (set by the
# 18.0.1.1.0 migration): the next data load tells what the administrator
# changed.
CUSTOMIZED_UNKNOWN = "?"
# Context key of the writes that load shipped data (or restore it): they are
# not an administrator's changes.
LOADING_KEY = "interaction_loading_data"


class InteractionCustomizedMixin(models.AbstractModel):
    """Shipped data that an administrator may change and upgrades respect.

    A record shipped as updatable data follows its addons until an
    administrator changes one of its ``_customizable_fields``; from then on
    that field is theirs and reloading the data (an upgrade) keeps it. A
    many2many field is merged rather than kept: the administrator's
    additions and removals stay, and what the shipped data adds later (a
    report of a glue addon installed afterwards) is added. The shipped
    values are remembered, so that a manager can go back to them.
    """

    _name = "interaction.customized.mixin"
    _description = "Shipped data an administrator can change"
    # The fields an administrator owns once they changed them; the other
    # shipped fields always follow the code.
    _customizable_fields = ()

    customized_fields = fields.Char(
        readonly=True,
        copy=False,
        help="Technical: the shipped fields an administrator changed, which "
        "upgrades keep.",
    )
    shipped_values = fields.Json(
        readonly=True,
        copy=False,
        help="Technical: the values the addons ship for the fields an "
        "administrator may change.",
    )
    customized_changes = fields.Json(
        readonly=True,
        copy=False,
        help="Technical: for each list an administrator changed, what they "
        "added to and removed from the shipped one.",
    )
    can_reset_customization = fields.Boolean(
        compute="_compute_can_reset_customization",
        help="Some field the administrator changed can go back to its shipped value.",
    )

    @api.depends("customized_fields", "shipped_values")
    def _compute_can_reset_customization(self):
        for record in self:
            record.can_reset_customization = bool(
                record._customized() & set(record.shipped_values or {})
            )

    def write(self, vals):
        tracked = [fname for fname in self._customizable_fields if fname in vals]
        if not tracked or self.env.context.get(LOADING_KEY):
            return super().write(vals)
        before = {record: record._customizable_values(tracked) for record in self}
        result = super().write(vals)
        for record, old_values in before.items():
            new_values = record._customizable_values(tracked)
            changed = {f for f in tracked if new_values[f] != old_values[f]}
            if changed:
                record._mark_customized(changed)
        return result

    def _load_records_create(self, vals_list):
        records = super()._load_records_create(vals_list)
        for record, vals in zip(records, vals_list, strict=True):
            # What the data leaves out, it ships with the field's default.
            english = record.with_context(lang="en_US")
            shipped = {
                fname: (
                    record[fname].ids
                    if record._fields[fname].type == "many2many"
                    else vals.get(fname, english[fname])
                )
                for fname in record._customizable_fields
            }
            if shipped:
                record.with_context(**{LOADING_KEY: True}).shipped_values = shipped
        return records

    def _load_records_write(self, values):
        # A module upgrade, or an addon adding to another addon's record,
        # writes shipped values: keep what the administrator changed, bring
        # the rest up to date, remember what was shipped.
        if self.customized_fields == CUSTOMIZED_UNKNOWN:
            # From before changes were tracked: what differs from the
            # shipped value was changed by the administrator.
            self._mark_customized(self._differing_from(values))
        customized = self._customized()
        old_shipped = self.shipped_values or {}
        shipped = dict(old_shipped)
        changes = dict(self.customized_changes or {})
        values = dict(values)
        for fname in self._customizable_fields:
            field = self._fields[fname]
            if fname not in values:
                if fname not in shipped and field.type != "many2many":
                    # Left out of the data: shipped with its default.
                    shipped[fname] = self.default_get([fname]).get(fname, False)
                continue
            if field.type != "many2many":
                shipped[fname] = values[fname]
                if fname in customized:
                    del values[fname]
                continue
            base = old_shipped.get(fname)
            if base is None:
                base = self[fname].ids
            new_shipped = self._commands_result(base, values[fname])
            shipped[fname] = sorted(new_shipped)
            if fname not in customized:
                continue
            if fname not in changes:
                current = set(self[fname].ids)
                changes[fname] = {
                    "added": sorted(current - new_shipped),
                    "removed": sorted(new_shipped - current),
                }
            merged = (new_shipped | set(changes[fname]["added"])) - set(
                changes[fname]["removed"]
            )
            comodel = self.env[field.comodel_name]
            values[fname] = [Command.set(comodel.browse(sorted(merged)).exists().ids)]
        values["shipped_values"] = shipped
        if customized:
            values["customized_changes"] = changes or False
        return super(
            InteractionCustomizedMixin, self.with_context(**{LOADING_KEY: True})
        )._load_records_write(values)

    def _customizable_values(self, fnames):
        self.ensure_one()
        values = {}
        for fname in fnames:
            value = self[fname]
            if isinstance(value, models.BaseModel):
                value = set(value.ids)
            values[fname] = value or False
        return values

    def _customized(self):
        self.ensure_one()
        return set((self.customized_fields or "").split(",")) - {"", CUSTOMIZED_UNKNOWN}

    def _mark_customized(self, fnames):
        # Also clears the "unknown" mark of a record from before tracking.
        self.ensure_one()
        customized = self._customized() | set(fnames)
        changes = dict(self.customized_changes or {})
        shipped_values = self.shipped_values or {}
        for fname in fnames:
            if self._fields[fname].type != "many2many":
                continue
            shipped = shipped_values.get(fname)
            if shipped is None:
                # Not known yet: the next data load works it out.
                changes.pop(fname, None)
                continue
            current = set(self[fname].ids)
            added, removed = current - set(shipped), set(shipped) - current
            if added or removed:
                changes[fname] = {"added": sorted(added), "removed": sorted(removed)}
            else:
                # Back to the shipped list: it follows the addons again.
                changes.pop(fname, None)
                customized.discard(fname)
        values = {
            "customized_fields": ",".join(sorted(customized)) or False,
            "customized_changes": changes or False,
        }
        if any(self[fname] != value for fname, value in values.items()):
            self.with_context(**{LOADING_KEY: True}).write(values)

    def _differing_from(self, values):
        """The customizable fields whose value is not ``values``'."""
        self.ensure_one()
        differing = set()
        for fname in self._customizable_fields:
            if fname not in values:
                continue
            value = values[fname]
            field = self._fields[fname]
            if field.type == "many2many":
                # Other addons add to the list too (the Quote Builder's
                # report): only a shipped item that is gone tells an
                # administrator's change.
                shipped = self._commands_result(self[fname].ids, value)
                if shipped - set(self[fname].ids):
                    differing.add(fname)
                continue
            if field.translate:
                # Data is loaded in English; other languages come from
                # translation files, which do not overwrite.
                current = self.with_context(lang="en_US")[fname] or False
                if current != (value or False):
                    differing.add(fname)
                continue
            if self._customizable_values([fname])[fname] != (value or False):
                differing.add(fname)
        return differing

    @api.model
    def _commands_result(self, ids, commands):
        """The ids of a many2many holding ``ids`` after ``commands``."""
        ids = set(ids)
        for command in commands or []:
            if command[0] == Command.SET:
                ids = set(command[2])
            elif command[0] == Command.LINK:
                ids.add(command[1])
            elif command[0] in (Command.UNLINK, Command.DELETE):
                ids.discard(command[1])
            elif command[0] == Command.CLEAR:
                ids = set()
        return ids

    def action_reset_customization(self):
        """Give the fields the administrator changed their shipped values
        back, and let upgrades bring them up to date again."""
        for record in self:
            record._reset_customization()
        return True

    def _reset_customization(self):
        self.ensure_one()
        shipped = self.shipped_values or {}
        restored = [f for f in sorted(self._customized()) if f in shipped]
        if not restored:
            return
        values = {}
        for fname in restored:
            field = self._fields[fname]
            if field.type == "many2many":
                comodel = self.env[field.comodel_name]
                values[fname] = [
                    Command.set(comodel.browse(shipped[fname]).exists().ids)
                ]
            else:
                values[fname] = shipped[fname]
        kept = self._customized() - set(restored)
        values["customized_fields"] = ",".join(sorted(kept)) or False
        changes = {
            fname: change
            for fname, change in (self.customized_changes or {}).items()
            if fname in kept
        }
        values["customized_changes"] = changes or False
        self.with_context(**{LOADING_KEY: True}, lang="en_US").write(values)
        translated = [f for f in restored if self._fields[f].translate]
        if translated:
            self._restore_shipped_translations(translated)

    def _restore_shipped_translations(self, fnames):
        """Replace the translations of ``fnames`` by those the addons ship.

        The shipped values are in English; an administrator may have typed
        their own in another language, which the English one does not
        replace.
        """
        self.ensure_one()
        langs = [
            code
            for code, _name in self.env["res.lang"].get_installed()
            if code != "en_US"
        ]
        xmlids = self._get_external_ids().get(self.id)
        if not langs or not xmlids:
            return
        loading = self.with_context(**{LOADING_KEY: True})
        for fname in fnames:
            # Without a translation of its own a language shows the English
            # value, until the addon's translation file gives it one.
            loading.update_field_translations(fname, dict.fromkeys(langs, False))
        importer = TranslationImporter(self.env.cr, verbose=False)
        for module in {xmlid.split(".", 1)[0] for xmlid in xmlids}:
            for lang in langs:
                for path in get_po_paths(module, lang, self.env):
                    importer.load_file(path, lang, xmlids=xmlids)
        translations = importer.model_translations[self._name]
        for fname in list(translations):
            if fname not in fnames:
                del translations[fname]
        importer.save(force_overwrite=True)
        self.invalidate_recordset(fnames)
