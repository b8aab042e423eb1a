# Suppressions written beside the resources they accept (`iamgate:suppress`), read by
# `tf-scan --hcl .` and by `tf-scan plan.json` when the plan sits beside these files.

resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "codebuild.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

# The pipeline creates the roles of the functions it deploys, so it passes roles it cannot name yet.
# iamgate:suppress privilege-escalation/pass-role-wildcard expires=2099-12-31 passes the roles of the stacks it deploys
resource "aws_iam_role_policy" "deployer" {
  name = "deploy"
  role = aws_iam_role.deployer.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Pass"
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = "*"
      },
      {
        Sid      = "Tables"
        Effect   = "Allow"
        Action   = "dynamodb:*"
        Resource = "*"
      },
    ]
  })
  # A `}` or `# iamgate:` inside a string or a heredoc is no code and no comment.
  description = "braces { and # iamgate:suppress admin-access in text"
}

resource "aws_iam_role" "auditor" {
  name = "auditor"
  assume_role_policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]
    }
  EOT
} # iamgate:suppress wildcard-action,data-exfiltration reads every table of the account for the nightly audit

resource "aws_iam_role_policy" "auditor" {
  name = "audit"
  role = aws_iam_role.auditor.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "dynamodb:*", Resource = "*" }]
  })
}

module "workers" {
  # iamgate:suppress wildcard-action the worker module is reviewed in its own repository
  source = "./workers"
}
