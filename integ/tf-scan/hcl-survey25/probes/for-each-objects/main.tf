# One role and policy per entry of a map of objects: `ops` gets every IAM action.
variable "services" {
  type = map(object({ actions = list(string), resource = string }))
  default = {
    reader = { actions = ["dynamodb:GetItem"], resource = "arn:aws:dynamodb:us-east-1:111122223333:table/orders" }
    ops    = { actions = ["iam:*"], resource = "*" }
  }
}
resource "aws_iam_role" "svc" {
  for_each = var.services
  name     = each.key
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy" "svc" {
  for_each = var.services
  role     = aws_iam_role.svc[each.key].id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = each.value.actions, Resource = each.value.resource }]
  })
}
