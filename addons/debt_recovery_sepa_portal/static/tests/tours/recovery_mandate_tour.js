// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
// A consumer signs the instalment plan proposed on its recovery page and gives a SEPA direct
// debit mandate with it, through the signed link without logging in. The Python test
// (tests/test_portal_mandate_tour.py) sets up the case and the plan, and checks the mandate,
// its evidence and the plan afterwards.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("debt_recovery_sepa_portal_sign_with_mandate", {
    steps: () => [
        {
            content: "The proposed plan shows its six instalments",
            trigger: ".o_recovery_sign",
        },
        {
            content: "Choose to pay the instalments by direct debit",
            trigger: ".o_recovery_sdd summary",
            run: "click",
        },
        {
            content: "Type the account holder",
            trigger: ".o_recovery_sdd #sdd_holder",
            run: "edit Jeanne Martin",
        },
        {
            content: "Type the IBAN",
            trigger: ".o_recovery_sdd #sdd_iban",
            run: "edit FR76 3000 4000 0312 3456 7890 143",
        },
        {
            content: "The mandate's text names the creditor identifier",
            trigger: ".o_recovery_mandate_text:contains(Creditor identifier: FR78ZZZ424242)",
        },
        {
            content: "The mandate's text names the mandate reference",
            trigger: ".o_recovery_mandate_text:contains(Mandate reference: RUM-)",
        },
        {
            content: "Accept the mandate",
            trigger: ".o_recovery_sdd #sdd_consent",
            run: "check",
        },
        {
            content: "Type the name to sign the plan",
            trigger: ".o_recovery_sign #sign_name",
            run: "edit Jeanne Martin",
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
        {
            content: "The page shows the mandate given, with its reference",
            trigger: ".o_recovery_direct_debit .o_recovery_mandate_reference:contains(RUM-)",
        },
        {
            content: "The account is shown masked",
            trigger: ".o_recovery_direct_debit .o_recovery_mandate_iban:contains(FR76 ****)",
        },
    ],
});
