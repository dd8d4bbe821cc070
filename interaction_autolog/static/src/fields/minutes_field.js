import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { FloatTimeField, floatTimeField } from "@web/views/fields/float_time/float_time_field";
import { formatFloatTime } from "@web/views/fields/formatters";
import { useInputField } from "@web/views/fields/input_field_hook";
import { useNumpadDecimal } from "@web/views/fields/numpad_decimal_hook";
import { parseFloat, parseFloatTime } from "@web/views/fields/parsers";

// Durations are stored in minutes (a template's unit duration, an entry's
// duration, the totals), the unit Business Central and the webhook use; people
// read them as hours:minutes. "409.00" minutes reads as "6:49".

export function formatMinutes(value) {
    if (value === false || value === null || value === undefined) {
        return "";
    }
    return formatFloatTime(value / 60, { noLeadingZeroHour: true });
}

// "1:30" is an hour and a half; a plain number is minutes, as it always was.
export function parseMinutes(value) {
    value = (value || "").trim();
    if (!value) {
        return 0;
    }
    if (value.includes(":")) {
        return Math.round(parseFloatTime(value) * 60 * 100) / 100;
    }
    return parseFloat(value);
}

export class MinutesField extends FloatTimeField {
    setup() {
        this.inputFloatTimeRef = useInputField({
            getValue: () => this.formattedValue,
            refName: "numpadDecimal",
            parse: (value) => parseMinutes(value),
        });
        useNumpadDecimal();
    }

    get formattedValue() {
        return formatMinutes(this.props.record.data[this.props.name]);
    }
}

export const minutesField = {
    ...floatTimeField,
    component: MinutesField,
    displayName: _t("Minutes as hours:minutes"),
    supportedOptions: [],
};

registry.category("fields").add("interaction_minutes", minutesField);
registry.category("formatters").add("interaction_minutes", formatMinutes);
registry.category("parsers").add("interaction_minutes", parseMinutes);
