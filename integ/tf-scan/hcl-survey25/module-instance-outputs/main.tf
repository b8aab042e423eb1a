# Module calls repeated with `count` and `for_each`, each instance's document given to the role
# policy of the same key: only instance 1 and "ops" add the pass of every role.
resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

module "counted" {
  source        = "./modules/logging"
  count         = 2
  role_name     = aws_iam_role.app.name
  extra_actions = count.index == 1 ? ["iam:PassRole"] : []
}

resource "aws_iam_role_policy" "counted" {
  count  = 2
  role   = module.counted[count.index].role
  policy = module.counted[count.index].policy_json
}

locals {
  teams = { web = [], ops = ["iam:PassRole"] }
}

module "teams" {
  source        = "./modules/logging"
  for_each      = local.teams
  role_name     = aws_iam_role.app.name
  extra_actions = each.value
}

resource "aws_iam_role_policy" "teams" {
  for_each = local.teams
  role     = module.teams[each.key].role
  policy   = module.teams[each.key].policy_json
}
