// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
// Letters and KPIs in the web client. The Python tests in tests/e2e/test_tours.py set up the
// data, start each tour and check the records (and the rendered letters) afterwards.
import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { downloadReport } from "@web/webclient/actions/reports/utils";

const tours = registry.category("web_tour.tours");
const reportHandlers = registry.category("ir.actions.report handlers");
const CASE_LETTER = "debt_recovery_reports.report_case_letter";

tours.add("debt_recovery_print_reminder", {
    steps: () => [
        {
            content: "Note when the reminder letter has been downloaded (a tour cannot read a PDF)",
            trigger: '.o_form_view .o_field_widget[name="partner_id"]',
            run() {
                // Downloads the report as the web client does, then marks the page.
                reportHandlers.add(
                    "debt_recovery_tour_print",
                    async (action) => {
                        if (action.report_name !== CASE_LETTER) {
                            return false;
                        }
                        const { success } = await downloadReport(rpc, action, "pdf", user.context);
                        document.body.classList.add(
                            success ? "o_dr_letter_downloaded" : "o_dr_letter_failed"
                        );
                        return true;
                    },
                    { force: true }
                );
            },
        },
        {
            content: "Open the actions menu",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Open the Print submenu (there when other add-ons print cases too)",
            trigger: ".o-dropdown--menu",
            run() {
                const items = [...document.querySelectorAll(".o-dropdown--menu .o_menu_item")];
                if (!items.some((item) => item.textContent.includes("Reminder Letter"))) {
                    document.querySelector(".o-dropdown--menu button:has(.fa-print)").click();
                }
            },
        },
        {
            content: "Print today's reminder letter",
            trigger: '.o-dropdown--menu .o_menu_item:contains("Reminder Letter")',
            run: "click",
        },
        {
            content: "The letter has been downloaded",
            trigger: "body.o_dr_letter_downloaded",
            run() {
                reportHandlers.remove("debt_recovery_tour_print");
            },
        },
    ],
});

tours.add("debt_recovery_validate_notice", {
    steps: () => [
        {
            content: "Open the communications waiting for validation",
            trigger: '.o_form_view button[name="action_view_to_validate"]',
            run: "click",
        },
        {
            content: "Open the formal notice",
            trigger: '.o_list_view .o_data_row td[name="level_id"]:contains("Formal notice")',
            run: "click",
        },
        {
            content: "Validate it",
            trigger: '.o_form_view .o_statusbar_buttons button[name="action_validate"]',
            run: "click",
        },
        {
            content: "The registered letter waits to be sent",
            trigger: '.o_statusbar_status .o_arrow_button_current:contains("To Send")',
        },
        {
            content: "Posted: mark it as sent",
            trigger: '.o_form_view .o_statusbar_buttons button[name="action_mark_sent"]',
            run: "click",
        },
        {
            content: "The formal notice is done",
            trigger: '.o_statusbar_status .o_arrow_button_current:contains("Done")',
        },
    ],
});

tours.add("debt_recovery_kpi_dashboard", {
    steps: () => [
        {
            content: "Open the Debt Recovery menu",
            trigger: '.o_main_navbar [data-menu-xmlid="debt_recovery.debt_recovery_menu_root"]',
            run: "click",
        },
        {
            content: "Open the recovery KPIs",
            trigger:
                '.dropdown-item[data-menu-xmlid="debt_recovery_reports.debt_recovery_kpi_dashboard_menu"]',
            run: "click",
        },
        {
            content: "The dashboard shows the receivables of the debtor and the DSO",
            trigger: '.o_form_view .o_field_widget[name="ar_ending"]:contains("1,234.00")',
        },
        {
            trigger: '.o_form_view .o_field_widget[name="dso_standard"]',
        },
        {
            content: "Drill down to the promises to pay of the period",
            trigger: '.o_form_view button[name="action_promises"]',
            run: "click",
        },
        {
            content: "As a list",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The promise of the debtor is there",
            trigger: '.o_list_view .o_data_row:contains("Tour KPI SAS")',
        },
    ],
});
