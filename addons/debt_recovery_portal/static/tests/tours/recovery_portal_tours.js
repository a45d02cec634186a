// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
// What a debtor does on the recovery page, opened through its signed link without logging in.
// The Python tests (tests/test_portal_tours.py) set up the case, start each tour on the page and
// check the records afterwards.
import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");

/** A date ``days`` after today, as an ISO string (the value of a date input). */
function isoDate(days) {
    const day = new Date();
    day.setDate(day.getDate() + days);
    const pad = (n) => String(n).padStart(2, "0");
    return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** Pay with the demo provider, successfully, and land back on the page. */
function payWithDemoSteps() {
    return [
        {
            content: "The payment form shows the amount computed by the server",
            trigger: ".o_recovery_pay_page .o_recovery_pay_amount",
        },
        {
            content: "Choose the demo provider",
            trigger: 'input[name="o_payment_radio"]',
            run: "click",
        },
        {
            content: "Enter test card details",
            trigger: "#customer_input",
            run: "edit 4111111111111111",
        },
        {
            content: "Pay",
            trigger: 'button[name="o_payment_submit_button"]',
            run: "click",
        },
        {
            content: "Back on the recovery page, the payment is acknowledged",
            trigger: '.o_recovery_done[data-done="paid"]',
            timeout: 30000,
        },
    ];
}

tours.add("debt_recovery_portal_pay_invoice", {
    steps: () => [
        {
            content: "Pay the oldest invoice",
            trigger: ".o_recovery_invoices tbody tr:first-child .o_recovery_pay_invoice",
            run: "click",
        },
        ...payWithDemoSteps(),
    ],
});

tours.add("debt_recovery_portal_pay_instalment", {
    steps: () => [
        {
            content: "Pay the next instalment of the plan",
            trigger: ".o_recovery_pay_instalment",
            run: "click",
        },
        ...payWithDemoSteps(),
        {
            content: "The first instalment shows as paid",
            trigger: '.o_recovery_plan_lines tbody tr:first-child[data-state="paid"]',
        },
    ],
});

tours.add("debt_recovery_portal_promise", {
    steps: () => [
        {
            content: "Promise to pay in ten days",
            trigger: "#promise_date",
            run() {
                document.querySelector("#promise_date").value = isoDate(10);
            },
        },
        {
            content: "Promise 600",
            trigger: "#promise_amount",
            run: "edit 600",
        },
        {
            content: "Send the promise",
            trigger: ".o_recovery_promise_submit",
            run: "click",
        },
        {
            content: "The promise is recorded and listed",
            trigger: '.o_recovery_done[data-done="promise"]',
        },
        {
            content: "The open promise is listed",
            trigger: '.o_recovery_promises tr[data-state="open"]',
        },
    ],
});

tours.add("debt_recovery_portal_plan_sign", {
    steps: () => [
        {
            content: "The schedule is computed live",
            trigger: ".o_recovery_schedule .o_recovery_schedule_line",
        },
        {
            content: "Three monthly instalments",
            trigger: "select.o_recovery_plan_count",
            run: "select 3",
        },
        {
            content: "The schedule shows three instalments",
            trigger: ".o_recovery_schedule tr.o_recovery_schedule_line:nth-child(3)",
        },
        {
            content: "Ask for the plan",
            trigger: ".o_recovery_plan_submit",
            run: "click",
        },
        {
            content: "Accepted at once: type the name to sign",
            trigger: ".o_recovery_sign #sign_name",
            run: "edit Jean Durand",
        },
        {
            content: "Accept the agreement",
            trigger: ".o_recovery_sign #sign_accept",
            run: "check",
        },
        {
            content: "Sign",
            trigger: ".o_recovery_sign_submit",
            run: "click",
        },
        {
            content: "The plan is signed",
            trigger: ".o_recovery_signed",
        },
    ],
});

tours.add("debt_recovery_portal_dispute", {
    steps: () => [
        {
            content: "Explain the dispute",
            trigger: "#dispute_message",
            run: "edit The goods were never delivered.",
        },
        {
            content: "Attach the delivery note",
            trigger: "#dispute_files",
            run() {
                const input = document.querySelector("#dispute_files");
                const files = new DataTransfer();
                files.items.add(new File(["delivery note"], "proof.txt", { type: "text/plain" }));
                input.files = files.files;
            },
        },
        {
            content: "Send the dispute",
            trigger: ".o_recovery_dispute_submit",
            run: "click",
        },
        {
            content: "The dispute is recorded",
            trigger: '.o_recovery_done[data-done="dispute"]',
        },
        {
            content: "The invoice shows as disputed",
            trigger: ".o_recovery_disputes li",
        },
    ],
});
