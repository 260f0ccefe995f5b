"""Running the market as a service: the launcher of web, worker and beat (`python -m
saleor_otop.serving`), health and readiness, request ids, JSON logs and metrics."""
