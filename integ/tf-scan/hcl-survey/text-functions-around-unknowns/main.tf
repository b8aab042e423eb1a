# Resource ARNs built with text functions around values only apply knows (a bucket's name, the
# account): the known text stays known, each unknown stays one specific value.
variable "extra_resources" {
  type = list(string)
}

resource "aws_s3_bucket" "data" {
  bucket_prefix = "data-"
}

resource "aws_s3_bucket" "logs" {
  bucket_prefix = "logs-"
}

data "aws_caller_identity" "current" {}

resource "aws_iam_role" "worker" {
  name = "worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

# The objects of one bucket, spelt four ways: no finding.
resource "aws_iam_role_policy" "objects" {
  name = "objects"
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = ["s3:PutObject", "s3:DeleteObject"]
      Resource = [
        join("", ["arn:aws:s3:::", aws_s3_bucket.data.bucket, "/*"]),
        format("arn:aws:s3:::%s/*", aws_s3_bucket.data.id),
        lower("${aws_s3_bucket.data.arn}/*"),
      ]
    }]
  })
}

resource "aws_iam_role_policy" "each_bucket" {
  name = "each-bucket"
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:DeleteObject"
      Resource = formatlist("%s/*", [aws_s3_bucket.data.arn, aws_s3_bucket.logs.arn])
    }]
  })
}

# Every role of the account, the account known only after apply: any role may be passed.
resource "aws_iam_role_policy" "pass_any" {
  name = "pass-any"
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:PassRole"
      Resource = join(":", ["arn:aws:iam:", data.aws_caller_identity.current.account_id, "role/*"])
    }]
  })
}

# A list whose length only apply knows may hold `*`: unresolved, never passed.
resource "aws_iam_role_policy" "extra" {
  name = "extra"
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:DeleteObject"
      Resource = concat(["${aws_s3_bucket.data.arn}/*"], var.extra_resources)
    }]
  })
}

# A caller's document decoded with a harmless fallback: what the caller gives only apply knows, so
# the policy is unresolved, never the fallback checked in its place.
variable "caller_policy" {
  type = string
}

resource "aws_iam_role_policy" "caller" {
  name = "caller"
  role = aws_iam_role.worker.id
  policy = jsonencode(try(jsondecode(var.caller_policy), {
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "${aws_s3_bucket.data.arn}/*" }]
  }))
}
