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
