import { registry } from "@web/core/registry";

// An administrator reaches the Interaction Template Setup from Settings, stops
// logging cover sheets and starts logging incoming calls. The Python test
// (tests/test_ui_tours.py) prepares the setup and checks what was saved.
const row = (name) => `.o_data_row:has(td[name=name]:contains(/^${name}$/))`;

registry.category("web_tour.tours").add("interaction_setup_tour", {
    steps: () => [
        {
            content: "Open the Interactions block of the settings",
            trigger: ".settings_tab .tab[data-key=interaction_autolog]",
            run: "click",
        },
        {
            // All but incoming calls are logged (the Python test says so).
            content: "The settings count the logged document types, next to the total",
            trigger:
                "#interaction_template_setup [name=interaction_document_type_count]" +
                ":has(.o_field_widget[name=interaction_document_type_count] span:not(:contains(/^0$/)))" +
                ":has(.o_field_widget[name=interaction_document_type_total])" +
                ":contains(document types are logged)",
        },
        {
            content: "Follow the link to the Interaction Template Setup",
            trigger: "#interaction_template_setup button:contains(Interaction Template Setup)",
            run: "click",
        },
        {
            content: "Every category is open, Sales first, its lines in document-flow order",
            trigger:
                ".o_list_view:not(:has(.o_group_header:not(.o_group_open)))" +
                ":has(.o_group_header:eq(0):contains(Sales))",
        },
        {
            content:
                "A quotation is sent, viewed and accepted before it is an order; " +
                "the invoice comes before the shipment",
            trigger:
                `.o_list_view:has(${row("Sales Quote")} ~ ${row("Quote Viewed Online")}` +
                ` ~ ${row("Quote Accepted Online")} ~ ${row("Sales Order")})` +
                `:has(${row("Sales Credit Note")} + ${row("Sales Shipment")} + ${row("Sales Return Receipt")})`,
        },
        {
            content: "Cover sheets are logged under the Cover Sheet template, with a count",
            trigger:
                `${row("Cover Sheet")}:has(td[name=log_status]:contains(/^Logged$/))` +
                `:has(td[name=interaction_count]:contains(/^2$/))` +
                ` td[name=template_id]:contains(COVERSH)`,
            run: "click",
        },
        {
            content: "Blank the template: cover sheets are no longer logged",
            trigger: ".o_selected_row .o_field_widget[name=template_id] input",
            run: "clear",
        },
        {
            content: "Save the line",
            trigger: ".o_list_button_save",
            run: "click",
        },
        {
            content: "The line says it is not logged",
            trigger:
                `.o_list_view:not(:has(.o_selected_row)) ${row("Cover Sheet")}` +
                " td[name=log_status]:contains(Not Logged)",
        },
        {
            content: "Incoming calls are not logged yet",
            trigger: `${row("Incoming Phone Call")}:has(td[name=log_status]:contains(Not Logged)) td[name=template_id]`,
            run: "click",
        },
        {
            content: "Look for the template of incoming calls",
            trigger: ".o_selected_row .o_field_widget[name=template_id] input",
            run: "edit INCOMING",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item:contains(INCOMING - Incoming Phone Call)",
            run: "click",
        },
        {
            content: "Save the line",
            trigger: ".o_list_button_save",
            run: "click",
        },
        {
            content: "Incoming calls are now logged under that template",
            trigger:
                `.o_list_view:not(:has(.o_selected_row)) ${row("Incoming Phone Call")}` +
                ":has(td[name=log_status]:contains(/^Logged$/)) td[name=template_id]:contains(INCOMING)",
        },
        {
            content: "The count of a line opens its interactions",
            trigger: `${row("Cover Sheet")} button[name=action_view_entries]:contains(View)`,
            run: "click",
        },
        {
            content: "The two cover sheets printed",
            trigger: ".o_list_view:has(.o_data_row:eq(1)):not(:has(.o_data_row:eq(2)))",
        },
    ],
});
