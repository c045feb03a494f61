"""Component ids, one constant each: ``<page>-<thing>-<kind>``."""

# Shell (every page)
SHELL_REDIRECT = "shell-redirect-location"
SHELL_LANGUAGE_LINK = "shell-language-link"
SHELL_SIGN_OUT_BUTTON = "shell-signout-button"
SHELL_NAV_LINKS = "shell-links-nav"
SHELL_ACCOUNT = "shell-account-div"
SHELL_MODEL_VERSION = "shell-version-span"
PAGES_LOCATION = "_pages_location"  # Dash pages' own URL component

# Sign in
SIGN_IN_USERNAME_INPUT = "signin-username-input"
SIGN_IN_PASSWORD_INPUT = "signin-password-input"
SIGN_IN_SUBMIT_BUTTON = "signin-submit-button"
SIGN_IN_TOKEN_STORE = "signin-token-store"
SIGN_IN_NEXT_STORE = "signin-next-store"
SIGN_IN_MESSAGE_DIV = "signin-message-div"
SIGN_IN_REDIRECT_LOCATION = "signin-redirect-location"

# Model page
MODEL_ROLE_STORE = "model-role-store"
MODEL_CONTENT_DIV = "model-content-div"
MODEL_CONTENT_LOADING = "model-content-loading"
MODEL_THRESHOLD_SPAN = "model-threshold-span"
MODEL_IMPORTANCE_GRAPH = "model-importance-graph"
MODEL_IMPORTANCE_SUMMARY = "model-importance-summary"
MODEL_METRICS_TABLE = "model-metrics-table"
MODEL_COST_GRAPH = "model-cost-graph"
MODEL_COST_SUMMARY = "model-cost-summary"
MODEL_ROC_GRAPH = "model-roc-graph"
MODEL_CALIBRATION_GRAPH = "model-calibration-graph"
MODEL_FAIRNESS_DIV = "model-fairness-div"
MODEL_DRIFT_TABLE = "model-drift-table"
MODEL_REPORT_LINK = "model-report-link"
MODEL_RESTRICTED_ALERT = "model-restricted-alert"
