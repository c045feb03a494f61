"""Component ids of the new-application page, one constant each: ``newapp-<thing>-<kind>``.

The form's fields: ``application_form.field_id(NEW_APPLICATION_PREFIX, name)``, i.e.
``newapp-<field>-input`` / ``-feedback`` / ``-help``.
"""

NEW_APPLICATION_PREFIX = "newapp"
NEW_APPLICATION_FORM = "newapp-fields-div"  # the form column (Enter or the button sends it)
NEW_APPLICATION_SUBMIT_BUTTON = "newapp-submit-button"
NEW_APPLICATION_RESET_BUTTON = "newapp-reset-button"
NEW_APPLICATION_ERRORS_DIV = "newapp-errors-div"
NEW_APPLICATION_RESULT_DIV = "newapp-result-div"
NEW_APPLICATION_LOADING = "newapp-result-loading"
NEW_APPLICATION_SCORE = "newapp-score-dl"
NEW_APPLICATION_REASONS = "newapp-reasons-list"
NEW_APPLICATION_REFERRAL = "newapp-referral-div"
