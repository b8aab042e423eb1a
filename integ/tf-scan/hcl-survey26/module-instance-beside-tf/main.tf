module "policy" {
  source    = "./policy"
  count     = 2
  name      = "logs-${count.index}"
  actions   = count.index == 0 ? ["s3:GetObject"] : ["iam:PassRole"]
  resources = count.index == 0 ? ["arn:aws:s3:::artifacts/*"] : ["*"]
}

resource "aws_iam_policy" "x" {
  count = 2
  name  = "x-${count.index}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(jsondecode(module.policy[count.index].policy_json).Statement, [
      { Effect = "Allow", Action = "iam:PassRole", Resource = "*" },
    ])
  })
}
