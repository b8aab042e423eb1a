terraform {
  required_version = ">= 1.10"
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.81" }
  }
}

variable "deployer_role_arn" {
  type    = string
  default = "arn:aws:iam::111122223333:role/ci/deployer"
}

variable "signing_token" {
  type      = string
  ephemeral = true
  default   = "unused"
}

variable "audit_account" {
  type      = string
  sensitive = true
  default   = "444455556666"
}

locals {
  deployer      = provider::aws::arn_parse(var.deployer_role_arn)
  deployer_bare = provider::aws::trim_iam_role_path(var.deployer_role_arn)
  reports       = provider::aws::arn_build("aws", "s3", "", "", "reports")
  objects       = "$${bucket}/*"
  object_arns   = templatestring(local.objects, { bucket = local.reports })
}

resource "terraform_data" "deployer_account" {
  input = local.deployer.account_id
}

import {
  to = aws_iam_role.reader
  id = "reader"
}

moved {
  from = aws_iam_role.old_reader
  to   = aws_iam_role.reader
}

removed {
  from = aws_iam_role.legacy
  lifecycle {
    destroy = false
  }
}

check "deployer_in_account" {
  assert {
    condition     = startswith(var.deployer_role_arn, "arn:aws:iam::${local.deployer.account_id}:")
    error_message = "the deployer role is in another account"
  }
}

resource "aws_iam_role" "reader" {
  name = "reader"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = local.deployer_bare }
    }]
  })
}

# Scoped to the objects of one bucket, written through provider functions and templatestring.
resource "aws_iam_role_policy" "reader" {
  role = aws_iam_role.reader.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = strcontains(local.object_arns, ":s3:::") ? local.object_arns : "*"
    }]
  })
}

# The ephemeral token is null to anything kept in state: the grant falls back to every bucket.
resource "aws_iam_role_policy" "uploader" {
  role = aws_iam_role.reader.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:PutObject"
      Resource = ephemeralasnull(var.signing_token) == null ? "arn:aws:s3:::*/*" : "${local.reports}/*"
    }]
  })
}

# A sensitive account still names one account: the trust is read.
resource "aws_iam_role" "auditor" {
  name = "auditor"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = issensitive(var.audit_account) ? "arn:aws:iam::${nonsensitive(var.audit_account)}:role/auditor" : "*" }
    }]
  })
}

# The caller leaves the actions null: the module's default, every action, applies.
module "everything" {
  source    = "./modules/grant"
  role_name = aws_iam_role.reader.name
  actions   = null
}

# The caller gives its own actions and leaves the settings out: the optional defaults apply.
module "reports" {
  source    = "./modules/grant"
  role_name = aws_iam_role.reader.name
  actions   = ["s3:GetObject"]
}

ephemeral "aws_secretsmanager_secret_version" "signing" {
  secret_id = "signing-key"
}

locals {
  signing_secret = ephemeral.aws_secretsmanager_secret_version.signing.arn
}

# An ephemeral value in a policy is Terraform's error: the grant is unverifiable, not a pass.
resource "aws_iam_role_policy" "signer" {
  role = aws_iam_role.reader.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "secretsmanager:GetSecretValue"
      Resource = local.signing_secret
    }]
  })
}

# A write-only argument takes it.
resource "aws_secretsmanager_secret_version" "copy" {
  secret_id                = "signing-key-copy"
  secret_string_wo         = ephemeral.aws_secretsmanager_secret_version.signing.secret_string
  secret_string_wo_version = 1
}

# The caller's ARN only apply knows: arn_parse gives its partition and account, each one value.
data "aws_caller_identity" "current" {}

locals {
  caller = provider::aws::arn_parse(data.aws_caller_identity.current.arn)
}

resource "aws_iam_role_policy" "own_reports" {
  role = aws_iam_role.reader.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = "arn:${local.caller.partition}:s3:::reports-${local.caller.account_id}/*"
    }]
  })
}
