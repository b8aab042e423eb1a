resource "aws_s3_bucket" "data" {
  bucket = "data-bucket"
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
  # Unknown in the plan: the bucket ARN is known only after apply.
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Objects"
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject"]
      Resource = "${aws_s3_bucket.data.arn}/*"
    }, {
      Sid      = "PassSelf"
      Effect   = "Allow"
      Action   = "iam:PassRole"
      Resource = aws_iam_role.app.arn
    }]
  })
}
