import { registry } from "@web/core/registry";

// A user calls a contact from its form and logs the call in the call wizard.
// The Python test (tests/test_ui_tours.py) opens the contact and checks the
// entry that was logged.
registry.category("web_tour.tours").add("interaction_call_tour", {
    steps: () => [
        {
            // Odoo shows the first buttons of the box and moves the others
            // under "More", which only renders them once opened.
            content: "The Interactions smart button is in sight, not under More, at 0",
            trigger:
                ".o_form_view .o-form-buttonbox:not(.o_dropdown_more) >" +
                " button[name=action_view_interactions] .o_stat_value:contains(/^0$/)",
        },
        {
            content: "Call the contact",
            trigger: ".o_form_view .o_form_statusbar button[name=action_interaction_call]",
            run: "click",
        },
        {
            content: "The wizard shows the contact's number to dial, with its phone link",
            trigger:
                ".modal .o_field_widget[name=phone_number]:has(a[href^='tel:'])" +
                " input:value(+358 40 555 0101)",
        },
        {
            content: "Describe the call",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Asked for a quote on the spring range",
        },
        {
            content: "It took 25 minutes, typed as hours:minutes",
            trigger: ".modal .o_field_widget[name=duration] input",
            run: "edit 0:25",
        },
        {
            content: "It went well: the evaluation is a row of badges, one click",
            trigger: ".modal .o_field_widget[name=evaluation] .o_selection_badge:contains(/^Positive$/)",
            run: "click",
        },
        {
            content: "Log the call",
            trigger: ".modal button[name=action_log_call]",
            run: "click",
        },
        {
            content: "The dialog closes saying what was logged",
            trigger:
                "body:not(:has(.modal)) .o_notification:contains(" +
                "Asked for a quote on the spring range logged for Dora Customer)",
        },
        {
            content: "The contact's chatter has a line about the call",
            trigger:
                ".o-mail-Message:contains(Interaction logged):contains(Asked for a quote on the spring range)",
        },
        {
            content: "The contact counts the call",
            trigger:
                ".o_form_view button[name=action_view_interactions] .o_stat_value:contains(/^1$/)",
            run: "click",
        },
        {
            content: "The list of one person has no Contact column",
            trigger:
                ".o_list_view:not(:has(th[data-name=partner_id])):has(th[data-name=display_name])",
        },
        {
            content: "The call is listed, its duration in hours:minutes, no Document",
            trigger:
                ".o_list_view .o_data_row" +
                ":has(td[name=display_name]:contains(Asked for a quote on the spring range))" +
                ":has(td[name=channel]:contains(Phone))" +
                ":has(td[name=duration]:contains(/^0:25$/))" +
                ":has(td[name=document_name]:not(:contains(Dora)))",
        },
        {
            content: "Open the call",
            trigger: ".o_list_view td[name=display_name]:contains(Asked for a quote on the spring range)",
            run: "click",
        },
        {
            content: "Typed in, not logged automatically; no version of a contact",
            trigger:
                ".o_form_view:has(.o_field_widget[name=evaluation] .o_selection_badge.active:contains(/^Positive$/))" +
                ":not(:has(.o_field_widget[name=is_automatic]))" +
                ":not(:has(.o_field_widget[name=document_version]))",
        },
    ],
});
