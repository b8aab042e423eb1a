# Resource lists computed by the functions and expressions configurations are written with.
variable "buckets" {
  type = map(object({
    arn      = string
    readonly = optional(bool, true)
    prefixes = optional(list(string), ["*"])
  }))
  default = {
    logs = { arn = "arn:aws:s3:::acme-logs" }
    data = { arn = "arn:aws:s3:::acme-data", readonly = false, prefixes = ["in/", "out/"] }
  }
}
variable "role_names" {
  type    = list(string)
  default = ["app-api", "app-worker", "ops-admin"]
}
variable "tables" {
  type    = list(string)
  default = ["orders", "orders", "users"]
}
locals {
  account    = regex("^arn:aws:iam::([0-9]{12}):root$", "arn:aws:iam::111122223333:root")[0]
  writable   = [for k, b in var.buckets : b.arn if !b.readonly]
  all_arns   = values(var.buckets)[*].arn
  app_roles  = [for n in var.role_names : "arn:aws:iam::${local.account}:role/${n}" if startswith(n, "app-")]
  ops_roles  = [for n in var.role_names : n if length(regexall("^ops-", n)) > 0]
  objects    = flatten([for k, b in var.buckets : [for p in b.prefixes : "${b.arn}/${p}*"]])
  tables     = distinct(var.tables)
  table_arns = zipmap(local.tables, [for t in local.tables : "arn:aws:dynamodb:eu-west-1:${local.account}:table/${t}"])
  pairs      = setproduct(keys(local.table_arns), ["index/*", "stream/*"])
  all_s3     = alltrue([for a in local.all_arns : startswith(a, "arn:aws:s3:::")])
  fallback   = try(var.buckets["archive"].arn, "arn:aws:s3:::acme-archive")
  has_ops    = contains(var.role_names, "ops-admin")
  ops_role   = one(local.ops_roles)
  no_role    = one([for n in var.role_names : n if startswith(n, "batch-")])
  team       = replace(lower("App_Team"), "/[^a-z]/", "-")
  any_name   = element(split("/", "role/*"), 1)
  session    = "%{ for n in local.tables ~}${n}-%{ endfor ~}session"
}
resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}
# Objects under each prefix, writes on the writable bucket only, the fallback bucket: quiet.
resource "aws_iam_role_policy" "s3" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject"], Resource = local.objects },
      { Effect = "Allow", Action = ["s3:PutObject"], Resource = [for a in local.writable : "${a}/*"] },
      { Effect = "Allow", Action = ["s3:ListBucket"], Resource = local.all_s3 ? local.all_arns : ["*"] },
      { Effect = "Allow", Action = ["s3:GetObject"], Resource = "${local.fallback}/*" },
    ]
  })
}
# One statement per distinct table, its indexes and streams: quiet.
resource "aws_iam_role_policy" "tables" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["dynamodb:GetItem", "dynamodb:PutItem"], Resource = values(local.table_arns) },
      { Effect = "Allow", Action = ["dynamodb:Query"], Resource = [for p in local.pairs : "${local.table_arns[p[0]]}/${p[1]}"] },
    ]
  })
}
# The app roles, the one ops role, the team's roles: quiet.
resource "aws_iam_role_policy" "pass" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = local.app_roles },
      { Effect = "Allow", Action = "iam:PassRole", Resource = local.has_ops ? "arn:aws:iam::${local.account}:role/${local.ops_role}" : "*" },
      { Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::${local.account}:role/${local.team}-*" },
      { Effect = "Allow", Action = "sts:AssumeRole", Resource = "arn:aws:iam::${local.account}:role/${local.session}" },
    ]
  })
}
# one() of no batch role is null, so the fallback is every role: reported.
resource "aws_iam_role_policy" "batch" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = coalesce(local.no_role, "*") }]
  })
}
# A name cut from a path with split() and element(): every role of the account, in the message.
resource "aws_iam_role_policy" "split_name" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = format("arn:aws:iam::%s:role/%s", local.account, local.any_name) }]
  })
}
