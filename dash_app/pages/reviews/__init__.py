"""Human reviews (advisors): the review queue, one review's screen and its outcome form."""
