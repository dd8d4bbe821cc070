import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";

// A salesperson prints a quotation from the Print menu, sends it by email from
// the composer, then finds both on the customer through its Interactions smart
// button. The Python test (tests/test_ui_tour.py) creates the quotation and
// checks the entries on the server.
const quoteCounter = (count) =>
    `.o_form_view button[name=action_view_interaction_log] .o_stat_value:contains(/^${count}$/)`;

registry.category("web_tour.tours").add("interaction_sale_tour", {
    steps: () => [
        {
            content: "Open the customer's quotation",
            trigger: ".o_list_view .o_data_row td[name=partner_id]:contains(Tour Customer Oy)",
            run: "click",
        },
        {
            content: "The quotation has no interactions yet",
            trigger: quoteCounter(0),
        },
        {
            content: "Open the actions menu",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            // Sale's quotation report, found by its XML id: its label depends
            // on the apps installed (the Quote Builder renames it "PDF Quote"
            // and adds a second report) and on the user's language. With one
            // report the menu shows it; with several, a Print submenu.
            content: "Print the quotation",
            trigger: ".o-dropdown--menu :is(button, .o_menu_item):has(.fa-print)",
            async run(helpers) {
                const report = await rpc("/web/action/load", {
                    action_id: "sale.action_report_saleorder",
                    context: user.context,
                });
                const submenu = document.querySelector(
                    ".o-dropdown--menu button:not(.o_menu_item):has(.fa-print)"
                );
                if (submenu) {
                    await helpers.click(submenu);
                }
                const findItem = () =>
                    [...document.querySelectorAll(".o-dropdown--menu .o_menu_item")].find(
                        (el) => el.textContent.trim() === report.name
                    );
                for (let wait = 0; !findItem() && wait < 50; wait++) {
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }
                if (!findItem()) {
                    throw new Error(`No print item named "${report.name}"`);
                }
                await helpers.click(findItem());
            },
        },
        {
            // With wkhtmltopdf the PDF downloads and the form reloads; without
            // it the client shows the report as HTML: go back to the form once
            // the report has loaded.
            content: "Wait for the print to finish",
            trigger: `${quoteCounter(1)}, .o_action iframe:iframe body.o_in_iframe`,
            async run(helpers) {
                if (!document.querySelector(".o_form_view")) {
                    await helpers.click(".o_breadcrumb .o_back_button");
                }
            },
        },
        {
            content: "The print is logged on the quotation",
            trigger: quoteCounter(1),
        },
        {
            content: "Send the quotation by email",
            trigger: ".o_form_view .o_form_statusbar button[name=action_quotation_send]",
            run: "click",
        },
        {
            content: "The composer addresses the customer",
            trigger:
                ".modal .o_field_widget[name=partner_ids] .o_tag:contains(Tour Customer Oy)",
        },
        {
            content: "Send",
            trigger: ".modal button.o_mail_send:enabled",
            run: "click",
        },
        {
            content: "The email is logged on the quotation",
            trigger: `body:not(:has(.modal)) ${quoteCounter(2)}`,
        },
        {
            // The internal link of the field only shows on hover.
            content: "Open the customer",
            trigger: ".o_form_view .o_field_widget[name=partner_id]:has(.o_external_button)",
            run: "click .o_form_view .o_field_widget[name=partner_id] .o_external_button",
        },
        {
            content: "The customer counts both interactions",
            trigger:
                ".o_form_view button[name=action_view_interactions] .o_stat_value:contains(/^2$/)",
            run: "click",
        },
        {
            content: "The printed quotation is listed",
            trigger: ".o_list_view .o_data_row:has(td[name=channel]:contains(Paper))",
        },
        {
            content: "The emailed quotation is listed",
            trigger: ".o_list_view .o_data_row:has(td[name=channel]:contains(Email))",
        },
    ],
});
