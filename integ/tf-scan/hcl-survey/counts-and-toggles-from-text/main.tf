# Counts and switches given as text (as TF_VAR_ variables and CI pipelines pass them) and converted
# with tobool(), tonumber() and sum(); try() falls back where Terraform's conversion fails.
variable "break_glass_enabled" {
  default = "0"
}

variable "auditor_count" {
  default = "2"
}

# Not a decimal number: Terraform's tonumber() fails, so try() gives one operator.
variable "operator_count" {
  default = "0x3"
}

variable "extra_seats" {
  default = []
}

variable "teams" {
  default = { data = "2", web = 1 }
}

locals {
  # sum() of no seats is Terraform's error: try() falls back to a single seat.
  extra_seats = try(sum(var.extra_seats), 1)
  team_seats  = sum(values(var.teams))
}

resource "aws_iam_role" "break_glass" {
  count = tobool(var.break_glass_enabled) ? 1 : 0
  name  = "break-glass"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::111122223333:role/oncall" } }]
  })
}

resource "aws_iam_role_policy_attachment" "break_glass" {
  count      = length(aws_iam_role.break_glass)
  role       = aws_iam_role.break_glass[count.index].name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role" "worker" {
  count = tonumber(var.auditor_count) + try(tonumber(var.operator_count), 1) + local.extra_seats + local.team_seats
  name  = "worker-${count.index}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

# Each worker may pass any role: one finding per worker the counts make.
resource "aws_iam_role_policy" "worker" {
  count = length(aws_iam_role.worker)
  name  = "dispatch"
  role  = aws_iam_role.worker[count.index].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:PassRole"
      Resource = "*"
    }]
  })
}
