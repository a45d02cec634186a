// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
// The debtor's recovery page: the schedule of the plan asked for, computed live by the server
// (the schedule engine) each time the number of instalments changes.
import publicWidget from "@web/legacy/js/public/public_widget";
import { rpc } from "@web/core/network/rpc";

publicWidget.registry.RecoveryPlanSchedule = publicWidget.Widget.extend({
    selector: ".o_recovery_plan_request",
    events: { "change .o_recovery_plan_count": "_onCountChange" },

    start() {
        const page = this.el.closest(".o_recovery_page");
        this.caseId = page.dataset.caseId;
        this.accessToken = page.dataset.accessToken || null;
        this._refresh();
        return this._super(...arguments);
    },

    _onCountChange() {
        this._refresh();
    },

    async _refresh() {
        const count = parseInt(this.el.querySelector(".o_recovery_plan_count").value);
        const result = await rpc(`/my/recovery/${this.caseId}/plan/schedule`, {
            count,
            access_token: this.accessToken,
        });
        const body = this.el.querySelector(".o_recovery_schedule tbody");
        body.replaceChildren();
        if (result.error) {
            const cell = document.createElement("td");
            cell.textContent = result.error;
            body.appendChild(document.createElement("tr")).appendChild(cell);
            return;
        }
        for (const line of result.lines) {
            const row = body.appendChild(document.createElement("tr"));
            row.classList.add("o_recovery_schedule_line");
            const day = row.appendChild(document.createElement("td"));
            day.textContent = line.date;
            const amount = row.appendChild(document.createElement("td"));
            amount.classList.add("text-end");
            amount.textContent = line.amount;
        }
    },
});
