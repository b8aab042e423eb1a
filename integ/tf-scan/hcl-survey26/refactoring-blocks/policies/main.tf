variable "roles" {
  type = map(string)
}

resource "aws_iam_role_policy" "this" {
  for_each = var.roles
  name     = each.key
  role     = each.value
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = each.key == "worker" ? "iam:PassRole" : "sqs:SendMessage"
      Resource = each.key == "worker" ? "*" : "arn:aws:sqs:eu-west-1:111122223333:${each.key}"
    }]
  })
}
