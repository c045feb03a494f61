"""Component ids of the frame (shell, access), one constant each: ``<part>-<thing>-<kind>``.

Each page's own ids are in its package's ``ids`` module (``dash_app/pages/<page>/ids.py``).
"""

# Shell (every page)
SHELL_REDIRECT = "shell-redirect-location"
SHELL_LANGUAGE_LINK = "shell-language-link"
SHELL_SIGN_OUT_BUTTON = "shell-signout-button"
SHELL_NAV_LINKS = "shell-links-nav"
SHELL_ACCOUNT = "shell-account-div"
SHELL_MODEL_VERSION = "shell-version-span"
SHELL_PAGE_LOADING = "shell-page-loading"
SHELL_MAIN = "main"  # the skip link's target

# Access (shown instead of a page)
ACCESS_SIGN_IN_LOCATION = "access-signin-location"
ACCESS_REFUSED_ALERT = "access-refused-alert"

# Dash pages' own components
PAGES_LOCATION = "_pages_location"  # the URL
PAGES_CONTENT = "_pages_content"  # the page container's content
