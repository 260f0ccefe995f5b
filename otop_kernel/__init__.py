"""The kernel: what every OTOP plugin may use. It imports no plugin and nothing of saleor_otop."""
