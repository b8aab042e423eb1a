# Attachments keyed by policy ARNs the text does not give (a variable without a default or a
# value): which policies they attach is known only after apply, and said so.
variable "extra_policy_arns" {
  type = set(string)
}

resource "aws_iam_role" "builder" {
  name = "builder"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "extra" {
  for_each   = var.extra_policy_arns
  role       = aws_iam_role.builder.name
  policy_arn = each.key
}
