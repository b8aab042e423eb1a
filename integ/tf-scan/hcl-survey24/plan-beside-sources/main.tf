variable "readers" {
  description = "Bucket prefixes each team reads"
  type        = map(list(string))
}

variable "deploy_actions" {
  type = list(string)
}

resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_iam_role" "etl" {
  name = "etl"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "glue.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

# Unknown in the plan (the bucket ARN is known only after apply): one statement per team, built
# by a `for` over the map terraform.tfvars sets. Each reads its prefixes of the one bucket: quiet.
resource "aws_iam_role_policy" "teams" {
  role = aws_iam_role.etl.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [for team, prefixes in var.readers : {
      Sid      = "Read${title(team)}"
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = [for p in prefixes : "${aws_s3_bucket.data.arn}/${p}/*"]
    }]
  })
}

# The same, from a template: the actions terraform.tfvars lists include `iam:PassRole`, on
# every role the template's `role_pattern` names: reported.
resource "aws_iam_role_policy" "deploy" {
  role = aws_iam_role.etl.id
  policy = templatefile("${path.module}/policies/deploy.json.tftpl", {
    actions      = var.deploy_actions
    bucket_arn   = aws_s3_bucket.data.arn
    role_pattern = "arn:aws:iam::111122223333:role/*"
  })
}

# Built on the ARN of a role the plan creates, through a local: one role, quiet.
locals {
  etl_arn   = aws_iam_role.etl.arn
  pass_self = { Effect = "Allow", Action = "iam:PassRole", Resource = local.etl_arn }
}

resource "aws_iam_role_policy" "pass_self" {
  role   = aws_iam_role.etl.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [local.pass_self] })
}

# A `for` over tags only apply knows (`tags_all` takes the provider's default tags): not rebuilt,
# and the finding names what it could not read.
resource "aws_iam_role_policy" "tagged" {
  role = aws_iam_role.etl.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [for key, value in aws_s3_bucket.data.tags_all : {
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = "${aws_s3_bucket.data.arn}/${value}/*"
    }]
  })
}
