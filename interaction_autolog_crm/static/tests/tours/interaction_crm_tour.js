import { registry } from "@web/core/registry";

// A salesperson opens an opportunity, calls its contact with the Call button
// and finds the call behind the lead's Interactions smart button. The Python
// test (tests/test_ui_tour.py) prepares the lead and checks what was logged.
registry.category("web_tour.tours").add("interaction_crm_tour", {
    steps: () => [
        {
            content: "The opportunity has no interactions yet",
            trigger:
                ".o_form_view button[name=action_view_interactions] .o_stat_value:contains(/^0$/)",
        },
        {
            content: "Call the opportunity's contact",
            trigger: ".o_form_view .o_form_statusbar button[name=action_interaction_call]",
            run: "click",
        },
        {
            content: "The wizard shows the contact's number to dial, with its phone link",
            trigger:
                ".modal .o_field_widget[name=phone_number]:has(a[href^='tel:'])" +
                " input:value(+358 40 555 0177)",
        },
        {
            content: "The call is about the opportunity",
            trigger:
                ".modal .o_field_widget[name=document_name]:contains(Lighting for the new office)",
        },
        {
            content: "Describe the call",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Went through the lighting plan",
        },
        {
            content: "It took 15 minutes",
            trigger: ".modal .o_field_widget[name=duration] input",
            run: "edit 15",
        },
        {
            content: "Log the call",
            trigger: ".modal button[name=action_log_call]",
            run: "click",
        },
        {
            content: "The wizard closes and the opportunity counts the call",
            trigger:
                "body:not(:has(.modal)) .o_form_view button[name=action_view_interactions]" +
                " .o_stat_value:contains(/^1$/)",
            run: "click",
        },
        {
            // The list behind the smart button holds the opportunity's
            // entries only: its Opportunity column is hidden there.
            content: "The call is in the opportunity's interactions",
            trigger:
                ".o_list_view .o_data_row" +
                ":has(td[name=display_name]:contains(Went through the lighting plan))" +
                ":has(td[name=channel]:contains(Phone))",
        },
    ],
});
