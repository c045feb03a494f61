"""What the server tells its operators: request ids, log lines, the access log and metrics."""
