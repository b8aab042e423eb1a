resource "aws_iam_role" "r" {
  count       = 2
  name_prefix = "app-${count.index}-"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

# The second role only: the plan's references (`aws_iam_role.r`, `count.index`) read the same as
# `aws_iam_role.r[count.index].name`.
resource "aws_iam_role_policy_attachment" "admin" {
  count      = 1
  role       = trimspace(aws_iam_role.r[count.index + 1].name)
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
