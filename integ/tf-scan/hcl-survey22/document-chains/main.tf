# Documents built from other documents, as shared-policy repositories write them.
variable "accounts" {
  type    = list(string)
  default = ["111122223333", "444455556666"]
}
variable "org_paths" {
  type    = list(string)
  default = ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"]
}
variable "external_id" {
  type    = string
  default = "acme-ci-7f3a"
}
data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "base" {
  statement {
    sid       = "ReadData"
    actions   = ["s3:GetObject"]
    resources = ["arn:${data.aws_partition.current.partition}:s3:::acme-data/*"]
  }
  statement {
    sid       = "Pass"
    actions   = ["iam:PassRole"]
    resources = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:role/app-*"]
  }
}

data "aws_iam_policy_document" "one_role" {
  statement {
    sid       = "Pass"
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::111122223333:role/app-worker"]
  }
}

data "aws_iam_policy_document" "pass_any" {
  statement {
    sid       = "Pass"
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
}

# The override's statement of the same sid replaces the source's: one role.
data "aws_iam_policy_document" "narrowed" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [data.aws_iam_policy_document.one_role.json]
}

# The override widens the same sid: any role.
data "aws_iam_policy_document" "widened" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [data.aws_iam_policy_document.pass_any.json]
}

# A statement of the document itself replaces a source statement of its sid.
data "aws_iam_policy_document" "own_over_source" {
  source_policy_documents = [data.aws_iam_policy_document.pass_any.json]
  statement {
    sid       = "Pass"
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::111122223333:role/app-worker"]
  }
}

# Later overrides win over earlier ones; a statement without sid is added.
data "aws_iam_policy_document" "layered" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [
    data.aws_iam_policy_document.pass_any.json,
    data.aws_iam_policy_document.one_role.json,
  ]
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:eu-west-1:111122223333:jobs"]
  }
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = formatlist("arn:aws:iam::%s:root", var.accounts)
    }
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "aws:PrincipalOrgPaths"
      values   = var.org_paths
    }
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = [var.external_id]
    }
  }
}

resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role_policy" "narrowed" {
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.narrowed.json
}

resource "aws_iam_role_policy" "widened" {
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.widened.json
}

resource "aws_iam_role_policy" "own_over_source" {
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.own_over_source.json
}

resource "aws_iam_role_policy" "layered" {
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.layered.json
}
