# A module written for Terraform and OpenTofu, planned with providers of a private registry: the policy of `app` names the bucket
# only apply creates, so each plan leaves it unknown and it is rebuilt from the file Terraform reads.
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}
