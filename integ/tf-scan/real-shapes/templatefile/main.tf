resource "aws_s3_bucket" "data" {
  bucket_prefix = "data-"
}

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "app" {
  name   = "app"
  role   = aws_iam_role.app.id
  policy = templatefile("${path.module}/policies/app.json.tpl", { bucket = aws_s3_bucket.data.arn })
}
