# Resources of the shapes checkov's Terraform IAM checks judge (CKV_AWS_40, 60, 61, 274, 286-290,
# 355, 356, 358), written for these tests.

data "aws_iam_policy_document" "lambda_and_anyone" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_iam_role" "anyone_may_assume" {
  name               = "report-builder"
  assume_role_policy = data.aws_iam_policy_document.lambda_and_anyone.json
}

resource "aws_iam_role" "deny_only_trust" {
  name = "quarantined"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "sts:AssumeRole", Principal = { AWS = "*" } }]
  })
}

resource "aws_iam_role" "stranger_account_root" {
  name = "vendor-audit"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::999988887777:root" } }]
  })
}

resource "aws_iam_role" "partner_root_with_external_id" {
  name = "partner-audit"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Condition = { StringEquals = { "sts:ExternalId" = "c0ffee-partner-7731" } }
    }]
  })
}

data "aws_iam_policy_document" "github_no_condition" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"]
    }
  }
}

resource "aws_iam_role" "github_deploy" {
  name               = "github-deploy"
  assume_role_policy = data.aws_iam_policy_document.github_no_condition.json
}

resource "aws_iam_role" "worker" {
  name = "worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "worker_admin" {
  role       = aws_iam_role.worker.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_group" "operators" {
  name = "operators"
}

resource "aws_iam_group_policy_attachment" "operators_admin" {
  group      = aws_iam_group.operators.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_user" "reporting" {
  name = "reporting"
}

resource "aws_iam_user_policy" "reporting_reads" {
  name = "reports"
  user = aws_iam_user.reporting.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::monthly-reports/*" }]
  })
}

data "aws_iam_policy_document" "every_action_on_objects" {
  statement {
    actions   = ["*"]
    resources = ["arn:aws:s3:::monthly-reports/*"]
  }
}

resource "aws_iam_role_policy" "worker_objects" {
  name   = "objects"
  role   = aws_iam_role.worker.id
  policy = data.aws_iam_policy_document.every_action_on_objects.json
}

locals {
  documents = {
    pass_and_launch  = { Action = ["iam:PassRole", "ec2:RunInstances"], Resource = "*" }
    read_secrets     = { Action = ["secretsmanager:GetSecretValue"], Resource = "*" }
    new_access_keys  = { Action = ["iam:CreateAccessKey"], Resource = "*" }
    attach_policies  = { Action = ["iam:AttachRolePolicy"], Resource = "*" }
    write_objects    = { Action = ["s3:PutObject"], Resource = "*" }
    describe_only    = { Action = ["ec2:DescribeInstances", "ec2:DescribeSubnets"], Resource = "*" }
    decrypt_via_sqs  = { Action = ["kms:Decrypt"], Resource = "*", Condition = { StringEquals = { "kms:ViaService" = "sqs.eu-west-1.amazonaws.com" } } }
  }
}

resource "aws_iam_policy" "managed" {
  for_each = local.documents
  name     = replace(each.key, "_", "-")
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [merge({ Effect = "Allow" }, each.value)]
  })
}
