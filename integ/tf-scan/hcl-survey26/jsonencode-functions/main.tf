# `jsonencode` over statements built with merge, concat, flatten, setproduct, lookup, try,
# coalesce, one and conditionals producing whole statements.
variable "environment" {
  type    = string
  default = "prod"
}

variable "debug" {
  type    = bool
  default = false
}

variable "tables" {
  type    = list(string)
  default = ["orders", "customers"]
}

locals {
  common = { Effect = "Allow" }
  teams = {
    data = { actions = ["s3:GetObject", "s3:ListBucket"], buckets = ["lake"] }
    ml   = { actions = ["s3:GetObject"], buckets = ["models", "features"] }
  }
  regions     = ["eu-west-1", "us-east-1"]
  kms_aliases = {}
  log_group   = try(local.missing.name, "app")
  key_arn     = coalesce(lookup(local.kms_aliases, var.environment, ""), "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
  primary     = one([for r in local.regions : r if r == "eu-west-1"])
}

resource "aws_iam_role" "worker" {
  name = "worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "worker" {
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      flatten([
        for team, spec in local.teams : [
          for bucket in spec.buckets : merge(local.common, {
            Sid      = "${team}${bucket}"
            Action   = spec.actions
            Resource = ["arn:aws:s3:::${bucket}", "arn:aws:s3:::${bucket}/*"]
          })
        ]
      ]),
      [for pair in setproduct(local.regions, var.tables) : merge(local.common, {
        Action   = ["dynamodb:GetItem", "dynamodb:Query"]
        Resource = "arn:aws:dynamodb:${pair[0]}:111122223333:table/${pair[1]}"
      })],
      [merge(local.common, {
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "arn:aws:logs:${local.primary}:111122223333:log-group:${local.log_group}:*"
      })],
      [merge(local.common, { Action = "kms:Decrypt", Resource = local.key_arn })],
      var.debug ? [merge(local.common, { Action = "s3:*", Resource = "*" })] : [],
      var.environment == "prod" ? [] : [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }],
    )
  })
}
