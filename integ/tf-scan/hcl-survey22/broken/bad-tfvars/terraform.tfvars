bucket = "acme-data
