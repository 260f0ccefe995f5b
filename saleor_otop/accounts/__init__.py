"""Account safety around Saleor's account API: token versions and refresh lifetime (tokens),
rate limits on sign-in, password reset and registration (rate_limits), uniform answers for
unknown accounts (patches)."""
