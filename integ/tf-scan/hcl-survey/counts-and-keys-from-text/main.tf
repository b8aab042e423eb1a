# Instances and subjects the text fixes even where it writes them oddly: a `count` given as text (a
# template around `length()`), and an OIDC subject whose environment is a map's value picked by a
# variable without a default. A `count` only apply knows leaves its attachment unresolved.
variable "create" {
  type    = bool
  default = true
}

variable "policy_arns" {
  type    = list(string)
  default = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}

variable "reader_policy_count" {
  type = number
}

variable "reader_policy_arns" {
  type    = list(string)
  default = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
}

variable "environment" {
  type = string
}

locals {
  environments = {
    dev  = "Development"
    prod = "Production"
  }
}

resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
}

# The conditional's type is text ("1"), which Terraform converts to a number of instances.
resource "aws_iam_role_policy_attachment" "deployer" {
  count      = var.create ? "${length(var.policy_arns)}" : 0
  role       = aws_iam_role.deployer.name
  policy_arn = "${var.policy_arns[count.index]}"
}

resource "aws_iam_role" "reader" {
  name = "reader"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "reader" {
  count      = var.reader_policy_count
  role       = aws_iam_role.reader.name
  policy_arn = var.reader_policy_arns[count.index]
}

data "aws_iam_policy_document" "org_environment" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:example-org/*:environment:${local.environments[var.environment]}"]
    }
  }
}

data "aws_iam_policy_document" "repo_environment" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:example-org/api:environment:${local.environments[var.environment]}"]
    }
  }
}

resource "aws_iam_role" "any_repository" {
  name               = "any-repository"
  assume_role_policy = data.aws_iam_policy_document.org_environment.json
}

resource "aws_iam_role" "one_repository" {
  name               = "one-repository"
  assume_role_policy = data.aws_iam_policy_document.repo_environment.json
}
