# The orders API after the fix: the role reads and writes items of one table only, passes no
# role, and carries the organization's permissions boundary (created by the platform team,
# outside this configuration).

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

data "aws_caller_identity" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
}

resource "aws_iam_role" "orders_api" {
  name                 = "orders-api"
  path                 = "/app/"
  permissions_boundary = "arn:aws:iam::${local.account_id}:policy/app-boundary"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "orders_api" {
  name = "orders-api"
  role = aws_iam_role.orders_api.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid    = "Orders"
      Effect = "Allow"
      Action = [
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:Query"
      ]
      Resource = [
        "arn:aws:dynamodb:eu-west-1:${local.account_id}:table/orders",
        "arn:aws:dynamodb:eu-west-1:${local.account_id}:table/orders/index/*"
      ]
    }]
  })
}
