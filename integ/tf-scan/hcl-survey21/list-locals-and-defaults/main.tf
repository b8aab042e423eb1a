# Resource lists assembled in locals with concat() and flatten(), and settings read with try(),
# coalesce() and lookup() defaults.
variable "settings" {
  type    = any
  default = { table_prefix = "orders" }
}

variable "log_group" {
  type    = string
  default = null
}

variable "retention" {
  type    = map(string)
  default = {}
}

resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  hash_key     = "id"
  billing_mode = "PAY_PER_REQUEST"
  attribute {
    name = "id"
    type = "S"
  }
}

locals {
  account      = "111122223333"
  region       = "eu-west-1"
  table_prefix = try(var.settings.table_prefix, "app")
  # A setting the caller did not give: try() falls back to every table.
  archive_name = try(var.settings.archive_table, "*")
  log_group    = coalesce(var.log_group, "/app/orders")
  stream_name  = lookup(var.retention, "stream", "default")

  table_arns = concat(
    [aws_dynamodb_table.orders.arn],
    ["arn:aws:dynamodb:${local.region}:${local.account}:table/${local.table_prefix}-history"],
  )
  index_arns = flatten([for arn in local.table_arns : ["${arn}/index/*", "${arn}/stream/*"]])
  log_arns   = ["arn:aws:logs:${local.region}:${local.account}:log-group:${local.log_group}:log-stream:${local.stream_name}"]
}

resource "aws_iam_role" "api" {
  name = "orders-api"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

# Two tables, their indexes and streams, one log stream: least privilege.
resource "aws_iam_role_policy" "api" {
  name = "api"
  role = aws_iam_role.api.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"]
        Resource = concat(local.table_arns, local.index_arns)
      },
      {
        Effect   = "Allow"
        Action   = ["logs:PutLogEvents"]
        Resource = local.log_arns
      },
    ]
  })
}

# The archive table name falls back to `*`: every table of the account.
resource "aws_iam_role_policy" "archive" {
  name = "archive"
  role = aws_iam_role.api.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["dynamodb:DeleteItem", "dynamodb:Scan"]
      Resource = "arn:aws:dynamodb:${local.region}:${local.account}:table/${local.archive_name}"
    }]
  })
}
