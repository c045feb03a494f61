"""Sign-in page: a labelled form, a CSRF token, the API's session cookie relayed."""
