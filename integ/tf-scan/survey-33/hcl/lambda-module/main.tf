module "ingest" {
  source        = "./modules/fn"
  function_name = "ingest"

  attach_policy_statements = true
  policy_statements = {
    dynamodb = {
      effect    = "Allow"
      actions   = ["dynamodb:PutItem", "dynamodb:UpdateItem"]
      resources = [aws_dynamodb_table.events.arn]
    }
    s3_read = {
      actions   = ["s3:GetObject"]
      resources = ["${aws_s3_bucket.raw.arn}/incoming/*"]
    }
    kms = {
      actions   = ["kms:Decrypt"]
      resources = [aws_kms_key.raw.arn]
      condition = {
        via_s3 = {
          test     = "StringEquals"
          variable = "kms:ViaService"
          values   = ["s3.eu-west-1.amazonaws.com"]
        }
      }
    }
  }
}

module "deployer" {
  source        = "./modules/fn"
  function_name = "deployer"

  attach_policy_statements = true
  policy_statements = {
    lambda = {
      actions   = ["lambda:CreateFunction", "lambda:UpdateFunctionConfiguration"]
      resources = ["*"]
    }
    pass = {
      actions   = ["iam:PassRole"]
      resources = ["*"]
    }
  }
}

resource "aws_dynamodb_table" "events" {
  name         = "events"
  hash_key     = "id"
  billing_mode = "PAY_PER_REQUEST"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_s3_bucket" "raw" {
  bucket = "raw-landing"
}

resource "aws_kms_key" "raw" {
  description = "raw"
}
