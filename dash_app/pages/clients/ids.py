"""Component ids of the client search, one constant each: ``clients-<thing>-<kind>``."""

CLIENTS_SEARCH_INPUT = "clients-search-input"
CLIENTS_SEARCH_HELP = "clients-search-help"
CLIENTS_DECISION_SELECT = "clients-decision-select"
CLIENTS_BAND_SELECT = "clients-band-select"
CLIENTS_SORT_SELECT = "clients-sort-select"
CLIENTS_OPEN_LOCATION = "clients-open-location"  # Enter on a single match opens its file
CLIENTS_RESULTS_DIV = "clients-results-div"
CLIENTS_EMPTY_ALERT = "clients-empty-alert"
CLIENTS_STATUS_P = "clients-status-p"
CLIENTS_PAGING_STORE = "clients-paging-store"
CLIENTS_PREVIOUS_BUTTON = "clients-previous-button"
CLIENTS_NEXT_BUTTON = "clients-next-button"
# browser localStorage: ids of opened files (the client file adds to it; assets/recent_clients.js
# removes it at sign-out)
CLIENTS_RECENT_STORE = "clients-recent-store"
CLIENTS_RECENT_DIV = "clients-recent-div"
CLIENTS_RECENT_OWNER_STORE = "clients-recentowner-store"  # whose list the page may show
CLIENTS_LOADING = "clients-results-loading"
