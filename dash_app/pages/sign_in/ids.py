"""Component ids of the sign-in page, one constant each: ``signin-<thing>-<kind>``."""

SIGN_IN_USERNAME_INPUT = "signin-username-input"
SIGN_IN_PASSWORD_INPUT = "signin-password-input"
SIGN_IN_SUBMIT_BUTTON = "signin-submit-button"
SIGN_IN_TOKEN_STORE = "signin-token-store"
SIGN_IN_NEXT_STORE = "signin-next-store"
SIGN_IN_MESSAGE_DIV = "signin-message-div"
SIGN_IN_REDIRECT_LOCATION = "signin-redirect-location"
