import { registry } from "@web/core/registry";

// A salesperson with a phone (390 px wide): the Interactions menu and the
// contact's Interactions page show cards, each saying what happened, with
// whom, when, on which channel, and whether it failed or how it went. The
// Python test (tests/test_ui_mobile.py) logs the entries.
registry.category("web_tour.tours").add("interaction_mobile_tour", {
    steps: () => [
        {
            content: "The menu's list opens as cards",
            trigger: ".o_kanban_view.o_interaction_kanban .o_kanban_record:contains(Asked for a sample)",
        },
        {
            content: "A call's card: the phone icon, the contact, the evaluation",
            trigger: ".o_kanban_record:contains(Asked for a sample):has(.fa-phone):contains(Mia Mobile):has(.badge:contains(Positive))",
        },
        {
            content: "A failed attempt says so on its card",
            trigger: ".o_kanban_record:contains(No answer):has(.badge.text-bg-danger:contains(Failed))",
        },
        {
            content: "A letter's card shows the paper icon and its date",
            trigger: ".o_kanban_record:contains(Offer by post):has(.fa-print):contains(/\\d\\d:\\d\\d/)",
        },
        {
            content: "Open the call",
            trigger: ".o_kanban_record:contains(Asked for a sample)",
            run: "click",
        },
        {
            content: "Its form opens",
            trigger: ".o_form_view .o_field_widget[name=partner_id]:contains(Mia Mobile)",
        },
    ],
});

// The contact's Interactions page on the same phone.
registry.category("web_tour.tours").add("interaction_mobile_contact_tour", {
    steps: () => [
        {
            content: "Open the contact's Interactions page",
            trigger: ".o_notebook .nav-link:contains(Interactions)",
            run: "click",
        },
        {
            content: "Its entries are cards too",
            trigger: ".o_field_widget[name=interaction_recent_ids] .o_kanban_record:contains(No answer):has(.fa-phone):has(.badge:contains(Failed))",
        },
        {
            content: "The letter",
            trigger: ".o_field_widget[name=interaction_recent_ids] .o_kanban_record:contains(Offer by post):has(.fa-print)",
        },
    ],
});
