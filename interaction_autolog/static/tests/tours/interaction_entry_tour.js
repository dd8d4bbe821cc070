import { registry } from "@web/core/registry";

// An Interactions Administrator goes through the log of one contact: the
// list, an entry's form (cancel, read-only while canceled, delete only then),
// a failed email, the calendar and the pivot. The Python test
// (tests/test_ui_tours.py) logs the entries and checks what was saved.
const entryRow = (name) =>
    `.o_list_view .o_data_row:has(td[name=display_name]:contains(/^${name}$/))`;
const isSelected = ".o_list_view:has(.o_data_row_selected)";

registry.category("web_tour.tours").add("interaction_entry_tour", {
    steps: () => [
        {
            content: "The Interactions list opens at its readable address, on what fits",
            trigger:
                ".o_list_view:has(thead th[data-name=display_name])" +
                ":has(thead th[data-name=partner_id])" +
                ":not(:has(thead th[data-name=template_id]))" +
                ":not(:has(thead th[data-name=cost]))",
        },
        {
            content: "The list shows the contact's two entries",
            trigger: ".o_list_view:has(.o_data_row:eq(1)):not(:has(.o_data_row:eq(2)))",
        },
        {
            content: "Select the cover sheet",
            trigger: `${entryRow("Cover Sheet")} .o_list_record_selector input`,
            run: "click",
        },
        {
            content: "Open the actions of the selection",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Cancel is offered, Delete is not",
            trigger:
                ".o-dropdown--menu:has(.o_menu_item:contains(Cancel Interactions))" +
                ":not(:has(.o_menu_item:contains(/^Delete$/)))",
        },
        {
            content: "Close the menu",
            trigger: ".o-dropdown--menu .o_menu_item:contains(Cancel Interactions)",
            run: "press Escape",
        },
        {
            content: "Unselect",
            trigger:
                `body:not(:has(.o-dropdown--menu)) ${entryRow("Cover Sheet")}` +
                " .o_list_record_selector input:checked",
            run: "click",
        },
        {
            content: "Open the cover sheet",
            trigger: `body:not(:has(${isSelected})) ${entryRow("Cover Sheet")} td[name=display_name]`,
            run: "click",
        },
        {
            content: "An active entry has no Delete button",
            trigger:
                ".o_form_view:has(button[name=action_cancel]):not(:has(button[name=action_delete]))",
        },
        {
            content: "Cancel it",
            trigger: ".o_form_view button[name=action_cancel]",
            run: "click",
        },
        {
            content: "The question says what canceling does, in the answers' words",
            trigger:
                ".modal:contains(counts in no statistics)" +
                ":has(.modal-footer button:contains(Keep It))" +
                " .modal-footer button:contains(Cancel Entry)",
            run: "click",
        },
        {
            content: "Canceled: read-only, and now it can be deleted or restored",
            trigger:
                ".o_form_view:has(.ribbon:contains(Canceled))" +
                ":has(.o_field_widget[name=note].o_readonly_modifier)" +
                ":has(.o_field_widget[name=cost].o_readonly_modifier)" +
                ":has(button[name=action_delete])" +
                " button[name=action_restore]",
            run: "click",
        },
        {
            content: "Restored: no Delete any more",
            trigger:
                ".o_form_view:not(:has(.ribbon)):not(:has(button[name=action_delete]))" +
                " button[name=action_cancel]",
        },
        {
            content: "Back to the list",
            trigger: ".o_breadcrumb a:contains(Interactions)",
            run: "click",
        },
        {
            content: "Open the email that did not go through",
            trigger: `${entryRow("Email")}.text-danger td[name=display_name]`,
            run: "click",
        },
        {
            content: "The reason is shown, with the way to the message",
            trigger:
                ".o_form_view:has(.o_field_widget[name=delivery_failure]:contains(Invalid email address))" +
                " button[name=action_open_message]",
            run: "click",
        },
        {
            content: "Odoo's own failure dialog lists the recipient",
            trigger: ".modal:contains(Broken Address)",
        },
        {
            content: "Close it",
            trigger: ".modal .btn-close",
            run: "click",
        },
        {
            content: "Back to the list",
            trigger: "body:not(:has(.modal)) .o_breadcrumb a:contains(Interactions)",
            run: "click",
        },
        {
            content: "Switch to the calendar",
            trigger: ".o_switch_view.o_calendar",
            run: "click",
        },
        {
            content: "The entries cannot be dragged to another date",
            trigger: ".o_calendar_view .fc-event:not(.fc-event-draggable):contains(Cover Sheet)",
            run: "click",
        },
        {
            content: "The popover opens the entry but offers no Delete",
            trigger: ".o_cw_popover:has(.o_cw_popover_edit):not(:has(.o_cw_popover_delete))",
        },
        {
            content: "Switch to the pivot",
            trigger: ".o_switch_view.o_pivot",
            run: "click",
        },
        {
            content: "The pivot counts interactions; cost and duration wait in Measures",
            trigger:
                ".o_pivot:has(.o_pivot_measure_row:contains(Count))" +
                ":not(:has(.o_pivot_measure_row:contains(Cost)))" +
                ":not(:has(.o_pivot_measure_row:contains(Duration)))",
        },
    ],
});
