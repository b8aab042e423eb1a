buckets = ["*"]
