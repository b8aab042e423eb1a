# Policies rendered by the template provider's data source, whose vars hold values only apply
# knows: the bucket name given by a variable without a default, the ARN of a distribution.
variable "bucket_name" {
  type = string
}

resource "aws_cloudfront_distribution" "site" {}

data "template_file" "site_policy" {
  template = "${file("${path.module}/files/site-policy.json.tpl")}"
  vars = {
    bucket_name      = var.bucket_name
    distribution_arn = aws_cloudfront_distribution.site.arn
  }
}

resource "aws_s3_bucket_policy" "site" {
  bucket = var.bucket_name
  policy = data.template_file.site_policy.rendered
}

# The same template with a name its vars do not give: the data source fails, nothing to check.
data "template_file" "broken_policy" {
  template = file("${path.module}/files/site-policy.json.tpl")
  vars = {
    bucket_name = var.bucket_name
  }
}

resource "aws_s3_bucket_policy" "broken" {
  bucket = var.bucket_name
  policy = data.template_file.broken_policy.rendered
}
