import { registry } from "@web/core/registry";

// A user opens a contact with more interactions than its Interactions page
// lists, reaches all of them, and logs a meeting by hand. The Python test
// (tests/test_ui_tours.py) logs the history and checks the new entry.
registry.category("web_tour.tours").add("interaction_contact_tour", {
    steps: () => [
        {
            content: "Open the contact's Interactions page",
            trigger: ".o_notebook .nav-link:contains(Interactions)",
            run: "click",
        },
        {
            content: "The statistics read the duration in hours:minutes",
            trigger: ".o_field_widget[name=interaction_duration]:contains(/^7:05$/)",
        },
        {
            content: "The page lists the latest; all of them are one click away",
            trigger: ".o_notebook button[name=action_view_interactions]:contains(All Interactions)",
            run: "click",
        },
        {
            content: "Every one of the 25 is in the list",
            trigger: ".o_pager_counter:contains(1-25):contains(25)",
        },
        {
            content: "Back to the contact",
            trigger: ".o_breadcrumb a:contains(Hanna History)",
            run: "click",
        },
        {
            content: "Log an interaction by hand",
            trigger: ".o_form_view button[name=action_log_interaction]",
            run: "click",
        },
        {
            content: "Choose the meeting template",
            trigger: ".modal .o_field_widget[name=template_id] input",
            run: "edit MEETING",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item:contains(MEETING - Meeting)",
            run: "click",
        },
        {
            content: "The channel follows the template",
            trigger: ".modal .o_field_widget[name=channel] select:has(option:selected:contains(/^Meeting$/))",
        },
        {
            content: "Describe the visit",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Visited the showroom",
        },
        {
            content: "Log it",
            trigger: ".modal button[name=action_log]",
            run: "click",
        },
        {
            content: "The dialog closes saying what was logged",
            trigger:
                "body:not(:has(.modal)) .o_notification:contains(Visited the showroom logged for Hanna History)",
        },
        {
            content: "The contact counts it",
            trigger:
                ".o_form_view button[name=action_view_interactions] .o_stat_value:contains(/^26$/)",
        },
    ],
});
