"""Development tooling of the plugin, never used when the market runs: the demo data
(`otop_demo`) and the bench scenarios (`otop_bench`)."""
