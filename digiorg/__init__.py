"""digiorg: plan, track, prove and report a Thai government agency's digital transformation."""
