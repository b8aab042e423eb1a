bucket = "acme-prod-assets"
