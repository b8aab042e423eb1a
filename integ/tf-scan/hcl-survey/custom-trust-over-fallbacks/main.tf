# Both callers write their own trust: the fallback document the module reads beside it (no principal
# given) is no policy of either role.
module "vendor" {
  source = "./role"
  name   = "vendor"
  custom_trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Condition = { StringEquals = { "sts:ExternalId" = "vendor-7f3a" } }
    }]
  })
}

module "open" {
  source = "./role"
  name   = "open"
  custom_trust = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "*" } }]
  })
}
