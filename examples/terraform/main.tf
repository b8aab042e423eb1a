# The API of an orders service: a Lambda function and the role it runs as.
# This version is what iamgate is meant to stop: the role may do anything in DynamoDB on any
# table, may pass any role to any service, and has no permissions boundary.
# The fixed version is in fixed/main.tf.

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

resource "aws_iam_role" "orders_api" {
  name = "orders-api"
  path = "/app/"
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
    Statement = [
      {
        Sid      = "Orders"
        Effect   = "Allow"
        Action   = "dynamodb:*"
        Resource = "*"
      },
      {
        Sid      = "Deploy"
        Effect   = "Allow"
        Action   = "iam:PassRole"
        Resource = "*"
      }
    ]
  })
}
