# Names of IAM resources the configuration creates, written in their blocks, used as for_each keys:
# Terraform knows them when it plans, so the instances are known.
locals {
  lambda_trust = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role" "ingest" {
  name               = "ingest"
  assume_role_policy = local.lambda_trust
}

resource "aws_iam_role" "publish" {
  name               = "publish"
  assume_role_policy = local.lambda_trust
}

resource "aws_iam_role" "report" {
  name               = "report"
  assume_role_policy = local.lambda_trust
}

resource "aws_iam_role_policy_attachment" "xray" {
  for_each   = toset([aws_iam_role.ingest.name, aws_iam_role.publish.name, aws_iam_role.report.name])
  role       = each.key
  policy_arn = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"
}

# Only two of the three are operators.
resource "aws_iam_policy" "operate" {
  name = "operate"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], Resource = "*" }]
  })
}

module "operators" {
  source = "./modules/operators"

  roles    = [aws_iam_role.ingest.name, aws_iam_role.publish.name]
  policies = [aws_iam_policy.operate.name]
}
