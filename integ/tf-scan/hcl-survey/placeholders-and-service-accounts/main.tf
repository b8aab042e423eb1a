# Quiet: the load balancers' account of the Region, and an auditor role reading the bucket.
module "lb_logs" {
  source = "./logbucket"
  name   = "lb-logs"
  extra_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Auditor"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::210987654321:role/auditor" }
      Action    = ["s3:GetObject", "s3:ListBucket"]
      Resource  = ["arn:aws:s3:::@BUCKET@", "@BUCKET_ARN@/*"]
    }]
  })
}

# Reported: anyone may read the shared prefix.
module "shared_logs" {
  source             = "./logbucket"
  name               = "shared-logs"
  for_load_balancers = false
  extra_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Anyone"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "@BUCKET_ARN@/shared/*"
    }]
  })
}
