# One policy per table, rendered from one template: `audit` deletes items of every table.
locals {
  tables = {
    orders = { actions = ["dynamodb:GetItem"], table = "orders" }
    audit  = { actions = ["dynamodb:DeleteItem"], table = "*" }
  }
}

resource "aws_iam_role_policy" "t" {
  for_each = local.tables
  role     = aws_iam_role.app.id
  policy   = templatefile("${path.module}/t/p.tftpl", { actions = each.value.actions, table = each.value.table })
}
