import { registry } from "@web/core/registry";

// A user calls a contact from its form and logs the call in the call wizard.
// The Python test (tests/test_ui_tours.py) opens the contact and checks the
// entry that was logged.
registry.category("web_tour.tours").add("interaction_call_tour", {
    steps: () => [
        {
            content: "The contact has no interactions yet",
            trigger:
                ".o_form_view button[name=action_view_interactions] .o_stat_value:contains(/^0$/)",
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
            content: "It took 25 minutes",
            trigger: ".modal .o_field_widget[name=duration] input",
            run: "edit 25",
        },
        {
            content: "It went well",
            trigger: ".modal .o_field_widget[name=evaluation] select",
            run: 'select "positive"',
        },
        {
            content: "Log the call",
            trigger: ".modal button[name=action_log_call]",
            run: "click",
        },
        {
            content: "The wizard closes and the contact counts the call",
            trigger:
                "body:not(:has(.modal)) .o_form_view button[name=action_view_interactions]" +
                " .o_stat_value:contains(/^1$/)",
            run: "click",
        },
        {
            content: "The call is in the contact's interactions",
            trigger:
                ".o_list_view .o_data_row" +
                ":has(td[name=name]:contains(Asked for a quote on the spring range))" +
                ":has(td[name=channel]:contains(Phone))",
        },
    ],
});
