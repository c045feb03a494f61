"""Component ids of the what-if page, one constant each: ``whatif-<thing>-<kind>``.

The form's fields: ``application_form.field_id(WHAT_IF_PREFIX, name)``, i.e.
``whatif-<field>-input`` / ``-feedback`` / ``-help``.
"""

WHAT_IF_PREFIX = "whatif"
WHAT_IF_STORE = "whatif-original-store"
WHAT_IF_FORM = "whatif-fields-div"  # the form column (Enter in a field or Simulate sends it)
WHAT_IF_SIMULATE_BUTTON = "whatif-simulate-button"
WHAT_IF_RESET_BUTTON = "whatif-reset-button"
WHAT_IF_ERRORS_DIV = "whatif-errors-div"
WHAT_IF_RESULT_DIV = "whatif-result-div"
WHAT_IF_LOADING = "whatif-result-loading"
WHAT_IF_TABLE = "whatif-comparison-table"
WHAT_IF_GRAPH = "whatif-comparison-graph"
WHAT_IF_SUMMARY_P = "whatif-summary-p"
WHAT_IF_REASONS_CURRENT = "whatif-reasons-current-list"
WHAT_IF_REASONS_SIMULATED = "whatif-reasons-simulated-list"
WHAT_IF_REFERRAL = "whatif-referral-div"
WHAT_IF_OFFERS_CARD = "whatif-offers-div"  # a refused or referred client's counter-offers
