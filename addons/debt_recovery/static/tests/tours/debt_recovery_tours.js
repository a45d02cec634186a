// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
// What a collector does in the web client. The Python tests in tests/e2e/test_tours.py set up
// the data (a debtor per tour, named below), start each tour and check the records afterwards.
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const tours = registry.category("web_tour.tours");

/** A date ``days`` after today as typed in an English (en_US) date field. */
function typedDate(days) {
    const day = new Date();
    day.setDate(day.getDate() + days);
    const pad = (n) => String(n).padStart(2, "0");
    return `${pad(day.getMonth() + 1)}/${pad(day.getDate())}/${day.getFullYear()}`;
}

tours.add("debt_recovery_log_promise", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("account.menu_finance", "Open Invoicing"),
        {
            content: "Open the Debt Recovery menu",
            trigger: '.o_main_navbar [data-menu-xmlid="debt_recovery.debt_recovery_menu_root"]',
            run: "click",
        },
        {
            content: "Open the worklist of cases",
            trigger: '.dropdown-item[data-menu-xmlid="debt_recovery.debt_recovery_case_menu"]',
            run: "click",
        },
        {
            content: "Open the case of the debtor",
            trigger: '.o_list_view .o_data_row td[name="partner_id"]:contains("Tour Promise SARL")',
            run: "click",
        },
        {
            content: "Log a call",
            trigger: '.o_form_view .o_statusbar_buttons button:contains("Log a Call")',
            run: "click",
        },
        {
            content: "The debtor promised to pay",
            trigger: '.modal .o_field_widget[name="outcome"] select',
            run: "selectByLabel Promise to pay",
        },
        {
            content: "The overdue amount is proposed: the debtor promises less",
            trigger: '.modal .o_field_widget[name="promise_amount"] input:value("1,000.00")',
            run: "edit 400",
        },
        {
            content: "Promised in ten days",
            trigger: '.modal .o_field_widget[name="promise_date"] input',
            run: `edit ${typedDate(10)}`,
        },
        {
            content: "What was said",
            trigger: '.modal .o_field_widget[name="summary"] textarea',
            run: "edit Pays 400 in ten days, the rest with the next invoice.",
        },
        {
            content: "Log it",
            trigger: '.modal button[name="action_log"]',
            run: "click",
        },
        {
            content: "The case counts one promise",
            trigger:
                'body:not(:has(.modal)) .o_form_view button[name="action_view_promises"] .o_stat_value:contains(1)',
        },
    ],
});

tours.add("debt_recovery_propose_plan", {
    steps: () => [
        {
            content: "Propose a plan from the case",
            trigger: '.o_form_view button[name="action_propose_plan"]',
            run: "click",
        },
        {
            content: "Four instalments instead of three",
            trigger: '.o_form_view .o_field_widget[name="instalment_count"] input',
            run: "edit 4",
        },
        {
            content: "Generate the schedule",
            trigger: '.o_form_view .o_statusbar_buttons button[name="action_generate_schedule"]',
            run: "click",
        },
        {
            content: "Four instalments are scheduled",
            trigger: '.o_field_widget[name="line_ids"] .o_data_row:eq(3)',
        },
        {
            content: "Activate the plan",
            trigger: '.o_form_view .o_statusbar_buttons button[name="action_activate"]',
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The plan is active",
            trigger: '.o_statusbar_status .o_arrow_button_current:contains("Active")',
        },
    ],
});

tours.add("debt_recovery_release_hold", {
    steps: () => [
        {
            content: "The case is on hold by hand",
            trigger: '.o_form_view .o_field_widget[name="hold_reason"]:contains("By hand")',
        },
        {
            content: "Release the hold",
            trigger: '.o_form_view button[name="action_release_hold"]',
            run: "click",
        },
        {
            content: "The case is open again, with no hold left",
            trigger:
                '.o_form_view:not(:has(.o_field_widget[name="hold_reason"])) .o_statusbar_status .o_arrow_button_current:contains("Open")',
        },
    ],
});
