"""Component ids of "my data", one constant each: ``mydata-<thing>-<kind>``."""

MY_DATA_CONTENT_DIV = "mydata-content-div"
MY_DATA_EXPLANATION_DIV = "mydata-explanation-div"
MY_DATA_JSON_BUTTON = "mydata-json-button"
MY_DATA_CSV_BUTTON = "mydata-csv-button"
MY_DATA_HTML_BUTTON = "mydata-html-button"
MY_DATA_LETTER_BUTTON = "mydata-letter-button"
MY_DATA_DOWNLOAD = "mydata-export-download"
MY_DATA_DOWNLOAD_STATUS_DIV = "mydata-download-div"
MY_DATA_ID_STORE = "mydata-id-store"
MY_DATA_ADVISOR_LOCATION = "mydata-advisor-location"  # an advisor is sent to the search
