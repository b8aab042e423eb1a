# `format` whose specification holds a bucket name only apply knows (`bucket_prefix`): its verbs,
# and so where the values go, are unknown. The report says so, not only "unknown".
resource "aws_s3_bucket" "b" {
  bucket_prefix = "data-"
}

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "app" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = format("%s/${aws_s3_bucket.b.bucket}/*", "x") }]
  })
}
