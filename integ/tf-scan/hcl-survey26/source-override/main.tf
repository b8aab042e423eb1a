# `source_policy_documents` and `override_policy_documents` built from locals: a map of documents
# merged in key order, the override replacing the statement of the same `sid`.
locals {
  documents = {
    read  = data.aws_iam_policy_document.read.json
    write = data.aws_iam_policy_document.write.json
  }
  overrides = [data.aws_iam_policy_document.narrow.json]
}

data "aws_iam_policy_document" "read" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::media/*"]
  }
}

data "aws_iam_policy_document" "write" {
  statement {
    sid       = "Write"
    actions   = ["s3:PutObject", "s3:DeleteObject"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "narrow" {
  statement {
    sid       = "Write"
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::media/uploads/*"]
  }
}

data "aws_iam_policy_document" "combined" {
  source_policy_documents   = [for name, json in local.documents : json]
  override_policy_documents = local.overrides
}

data "aws_iam_policy_document" "unnarrowed" {
  source_policy_documents = values(local.documents)
}

resource "aws_iam_policy" "combined" {
  name   = "combined"
  policy = data.aws_iam_policy_document.combined.json
}

resource "aws_iam_policy" "unnarrowed" {
  name   = "unnarrowed"
  policy = data.aws_iam_policy_document.unnarrowed.json
}
