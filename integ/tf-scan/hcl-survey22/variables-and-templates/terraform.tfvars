env    = "prod"
queues = ["jobs", "events"]
deploy = { pass_roles = ["legacy"] }
