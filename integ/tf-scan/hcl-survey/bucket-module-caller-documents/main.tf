provider "aws" {
  region = "eu-west-1"
}

# Given by whoever applies: every bucket name and the caller's documents hold it.
variable "stage" {
  type = string
}

resource "aws_iam_role" "reporter" {
  name = "reporter"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

# The caller's document reads every object of the site by anyone.
module "site" {
  source        = "./bucket"
  bucket        = "site-${var.stage}"
  attach_policy = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PublicRead"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::site-${var.stage}/*"
    }]
  })
}

# The caller's document names one role: quiet.
module "reports" {
  source        = "./bucket"
  bucket        = "reports-${var.stage}"
  attach_policy = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Reporter"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.reporter.arn }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::reports-${var.stage}/*"
    }]
  })
}

# Load balancer logs of the provider's Region: its delivery account, and the delivery service,
# which no condition ties to this account.
module "lb_logs" {
  source              = "./bucket"
  bucket              = "lb-logs-${var.stage}"
  attach_log_delivery = true
}
