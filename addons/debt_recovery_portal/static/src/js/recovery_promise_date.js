// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
// The debtor's recovery page: the promised date is picked with Odoo's date picker, in the page's
// language; the form sends it as an ISO date, read by the server whatever that language is (a
// date typed without JavaScript is read in the page's language).
import publicWidget from "@web/legacy/js/public/public_widget";
import { parseDate, serializeDate } from "@web/core/l10n/dates";

publicWidget.registry.RecoveryPromiseDate = publicWidget.Widget.extend({
    selector: ".o_recovery_promise form",
    events: { submit: "_onSubmit" },

    _onSubmit() {
        const typed = this.el.querySelector("#promise_date").value;
        let value = typed;
        try {
            const day = parseDate(typed);
            value = day ? serializeDate(day) : typed;
        } catch {
            // Not a date for the picker: the server says so.
        }
        this.el.querySelector("input[name='date']").value = value;
    },
});
