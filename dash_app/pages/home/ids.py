"""Component ids of the home page, one constant each: ``home-<thing>-<kind>``."""

HOME_REDIRECT_LOCATION = "home-redirect-location"
