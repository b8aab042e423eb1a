environment = "prod"
bucket      = "acme-prod-data"
