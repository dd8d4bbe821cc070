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
            content: "Follow the link to the Interaction Template Setup",
            trigger: "#interaction_template_setup button:contains(Interaction Template Setup)",
            run: "click",
        },
        {
            content: "Unfold the document types of the Other category",
            trigger: ".o_list_view .o_group_header:contains(Other)",
            run: "click",
        },
        {
            content: "Cover sheets are logged under the Cover Sheet template",
            trigger: `${row("Cover Sheet")} td[name=template_id]:contains(COVERSH)`,
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
            content: "The line shows as not logged",
            trigger: `.o_list_view:not(:has(.o_selected_row)) ${row("Cover Sheet")}.text-muted`,
        },
        {
            content: "Unfold the document types of the Communication category",
            trigger: ".o_list_view .o_group_header:contains(Communication)",
            run: "click",
        },
        {
            content: "Incoming calls are not logged yet",
            trigger: `${row("Incoming Phone Call")}.text-muted td[name=template_id]`,
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
                ":not(.text-muted) td[name=template_id]:contains(INCOMING)",
        },
    ],
});
