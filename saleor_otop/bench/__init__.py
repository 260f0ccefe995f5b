"""Benchmark harness (`make bench`): seeding, the GraphQL client and the runner; the API it
gives plugins is otop_kernel/bench.py."""
