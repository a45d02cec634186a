// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
// The KPI board: five graphs on one screen, the collector filter, and the drill-down from a
// point of a graph to the snapshot of its month and the promises behind it. The Python test
// (tests/e2e/test_kpi_board_tour.py) sets up the history.
import { registry } from "@web/core/registry";

const BOARD = ".o_debt_recovery_kpi_board";
const MEASURES = ["dso_standard", "cei", "overdue_share", "late_payment_count", "promise_kept_count"];

/**
 * Click the last bar of the graph of ``measure``, where Chart.js draws it, until the web
 * client leaves the board: a chart just drawn ignores clicks for a moment.
 */
async function clickLastBar(measure) {
    for (let attempt = 0; attempt < 40 && document.querySelector(BOARD); attempt++) {
        const canvas = document.querySelector(`${BOARD} [data-measure="${measure}"] canvas`);
        const chart = canvas && window.Chart.getChart(canvas);
        if (chart) {
            canvas.scrollIntoView();
            const bars = chart.getDatasetMeta(0).data;
            const { x, y } = bars[bars.length - 1].getCenterPoint(true);
            const rect = canvas.getBoundingClientRect();
            canvas.dispatchEvent(
                new MouseEvent("click", {
                    bubbles: true,
                    clientX: rect.left + x,
                    clientY: rect.top + y,
                })
            );
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
}

registry.category("web_tour.tours").add("debt_recovery_kpi_board", {
    steps: () => [
        ...MEASURES.map((measure) => ({
            content: `The graph of ${measure} is drawn`,
            trigger: `${BOARD} [data-measure="${measure}"] .o_graph_renderer canvas`,
        })),
        {
            content: "Only the collector's figures",
            trigger: `${BOARD} select.o_kpi_board_collector`,
            run: "selectByIndex 1",
        },
        {
            content: "The graphs are drawn again for the collector",
            trigger: `${BOARD}[data-user] [data-measure="late_payment_count"] .o_graph_renderer canvas`,
        },
        {
            content: "Click the last month of the late-payment rate",
            trigger: `${BOARD}[data-user] [data-measure="late_payment_count"] .o_graph_renderer canvas`,
            run: () => clickLastBar("late_payment_count"),
        },
        {
            content: "The snapshot of that month opens in a list",
            trigger: ".o_list_view .o_data_row:contains('Claire Collector') .o_data_cell[name=month]",
            run: "click",
        },
        {
            content: "Open the promises behind the snapshot",
            trigger: '.o_form_view button[name="action_open_promises"]',
            run: "click",
        },
        {
            content: "As a list",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The promise of the month is there",
            trigger: ".o_list_view .o_data_row:contains('Tour Board SAS')",
        },
    ],
});
