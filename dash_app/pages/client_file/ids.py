"""Component ids of a client's file, one constant each: ``clientfile-<thing>-<kind>``.

The file's sections are also drawn on "my data" (``dash_app/pages/my_data``).
"""

CLIENT_FILE_OPENED_STORE = "clientfile-opened-store"
CLIENT_FILE_CONTENT_DIV = "clientfile-content-div"
CLIENT_FILE_ID_STORE = "clientfile-id-store"
CLIENT_FILE_LETTER_BUTTON = "clientfile-letter-button"
CLIENT_FILE_OFFERS_CARD = "clientfile-offers-div"
CLIENT_FILE_LETTER_DOWNLOAD = "clientfile-letter-download"
CLIENT_FILE_LETTER_STATUS_DIV = "clientfile-letter-div"
CLIENT_FILE_DECISION_DIV = "clientfile-decision-div"
CLIENT_FILE_PROBABILITY_P = "clientfile-probability-p"
CLIENT_FILE_MARGIN_P = "clientfile-margin-p"
CLIENT_FILE_SCORE_P = "clientfile-score-p"
CLIENT_FILE_GAUGE_GRAPH = "clientfile-gauge-graph"
CLIENT_FILE_REASONS_LIST = "clientfile-reasons-list"
CLIENT_FILE_WATERFALL_GRAPH = "clientfile-waterfall-graph"
CLIENT_FILE_WATERFALL_SUMMARY_P = "clientfile-waterfall-p"
CLIENT_FILE_PROFILE_SECTION = "clientfile-profile-section"
