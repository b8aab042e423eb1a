# The role and policies a generated configuration ends with; the test writes `chain.tf` beside
# them: `local.link_0` to `local.link_N`, each reading the one before, as generators emit them.
resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "codebuild.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

# The last link is the pattern of every role of the account: passing any of them is reported.
resource "aws_iam_role_policy" "pass" {
  role = aws_iam_role.deployer.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = local.last_link }]
  })
}

# The bucket named by the first link, read through the whole chain: scoped, quiet.
resource "aws_iam_role_policy" "artifacts" {
  role = aws_iam_role.deployer.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:PutObject", Resource = "arn:aws:s3:::${local.bucket_link}/*" }]
  })
}
