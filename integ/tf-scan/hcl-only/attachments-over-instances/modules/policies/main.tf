resource "aws_iam_policy" "this" {
  for_each = {
    ops = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = ["iam:PassRole", "ec2:RunInstances"], Resource = "*" }]
    })
    read = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::acme-data/*" }]
    })
  }
  name   = each.key
  policy = each.value
}

output "policy_arns" {
  value = { for k, p in aws_iam_policy.this : k => p.arn }
}
