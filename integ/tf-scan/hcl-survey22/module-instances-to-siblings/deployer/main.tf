variable "pass_arns" {
  type = list(string)
}
variable "first" {
  type = string
}
variable "all_names" {
  type = list(string)
}
resource "aws_iam_role" "ci" {
  name = "ci"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
}
# The roles of every instance, by splat, by key and by a for over the instances: each one role.
resource "aws_iam_role_policy" "ci" {
  role = aws_iam_role.ci.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = var.pass_arns },
      { Effect = "Allow", Action = "iam:GetRole", Resource = [for n in var.all_names : "arn:aws:iam::111122223333:role/${n}"] },
      { Effect = "Allow", Action = "iam:TagRole", Resource = var.first },
    ]
  })
}
