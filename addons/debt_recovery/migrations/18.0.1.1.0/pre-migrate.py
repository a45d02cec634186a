# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Before the upgrade to 18.0.1.1.0.

- The proof of receipt's date of a letter (``receipt_date``) moves from the reports add-on to
  this one, which now computes consumers' interest from it: its field record changes owner, so
  that upgrading the reports add-on does not drop the column.
- A case has four states; an instalment plan is a hold with the reason "plan", and holds
  chosen by hand are "by hand" (kept explicit after the upgrade, see post-migrate).
- Reference rates get a type: the old "one rate per date and company" constraint gives way to
  one rate per type, date and company.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE ir_model_data
           SET module = 'debt_recovery'
         WHERE module = 'debt_recovery_reports'
           AND model = 'ir.model.fields'
           AND name = 'field_debt_recovery_communication__receipt_date'
        """
    )
    cr.execute(
        """
        UPDATE debt_recovery_case
           SET hold_reason = CASE WHEN hold_reason IN ('negotiation', 'other') THEN 'manual'
                                  ELSE hold_reason END
         WHERE hold_reason IS NOT NULL
        """
    )
    cr.execute(
        "UPDATE debt_recovery_case SET state = 'on_hold', hold_reason = 'plan' WHERE state = 'plan'"
    )
    cr.execute(
        "ALTER TABLE debt_recovery_rate "
        "DROP CONSTRAINT IF EXISTS debt_recovery_rate_date_company_unique"
    )
