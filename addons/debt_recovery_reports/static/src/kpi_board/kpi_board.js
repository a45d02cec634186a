/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
// The KPI board: twelve months of the KPI history as graphs on one screen, filtered by
// company, collector and last month. The server gives the filters and the domain
// (debt.recovery.kpi.snapshot.get_kpi_board); each graph is a standard graph view, whose
// points open the snapshots of their month.

import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { View } from "@web/views/view";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

export class KpiBoard extends Component {
    static template = "debt_recovery_reports.KpiBoard";
    static components = { View };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.state = useState({ board: null, version: 0 });
        onWillStart(() => this.load({}));
    }

    async load(filters) {
        this.state.board = await this.orm.call(
            "debt.recovery.kpi.snapshot",
            "get_kpi_board",
            [],
            filters
        );
        this.state.version++;
    }

    onFilterChange(name, ev) {
        const board = this.state.board;
        const filters = {
            company_id: board.company_id,
            user_id: board.user_id,
            month_to: board.month_to,
        };
        const value = ev.target.value;
        filters[name] = name === "month_to" ? value : parseInt(value) || false;
        if (name === "company_id") {
            filters.user_id = false;
            filters.month_to = false;
        }
        return this.load(filters);
    }

    graphProps(graph) {
        return {
            resModel: "debt.recovery.kpi.snapshot",
            type: "graph",
            viewId: graph.view_id,
            views: [
                [graph.view_id, "graph"],
                [false, "list"],
                [false, "form"],
                [false, "search"],
            ],
            domain: this.state.board.domain,
            display: { controlPanel: false },
        };
    }
}

registry.category("actions").add("debt_recovery_kpi_board", KpiBoard);
