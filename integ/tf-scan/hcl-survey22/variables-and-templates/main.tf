# The bucket comes from z.auto.tfvars: without it the heredoc would write on every bucket.
resource "aws_iam_role_policy" "assets" {
  role   = aws_iam_role.deployer.id
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Action": ["s3:PutObject", "s3:DeleteObject"],
        "Resource": "arn:aws:s3:::${coalesce(var.bucket, "*")}/*"
      }]
    }
  EOT
}
resource "aws_iam_role_policy" "logs" {
  role   = aws_iam_role.deployer.id
  policy = file("${path.module}/policies/logs.json")
}
resource "aws_iam_role_policy" "list_home" {
  role   = aws_iam_role.deployer.id
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": "s3:ListBucket",
    "Resource": "arn:aws:s3:::acme-home",
    "Condition": {"StringLike": {"s3:prefix": ["$${aws:username}/*"]}}
  }]
}
EOF
}
