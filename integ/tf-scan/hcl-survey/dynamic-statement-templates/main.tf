# A bucket policy module whose statements come from a caller's map through `dynamic "statement"`,
# with templates around values known only after apply (the bucket ARN, the account, the partition).
provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

module "logs_policy" {
  source = "./bucket-policy"

  bucket_arn        = aws_s3_bucket.logs.arn
  deny_insecure     = true
  allow_access_logs = true

  statements = {
    Readers = {
      actions   = ["s3:GetObject"]
      resources = ["${aws_s3_bucket.logs.arn}/reports/*"]
      roles     = ["analyst"]
    }
    Writers = {
      actions   = ["s3:PutObject"]
      resources = null
      roles     = ["ingest"]
    }
    Public = {
      actions    = ["s3:GetObject"]
      resources  = ["${aws_s3_bucket.logs.arn}/public/*"]
      principals = ["*"]
    }
  }
}
