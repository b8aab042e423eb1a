variable "account_id" {
  type    = string
  default = "111122223333"
}

# Administrator role Lambda may assume.
resource "aws_iam_role" "ops" {
  name = "ops-automation"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "ops_admin" {
  role       = aws_iam_role.ops.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

# Creates functions with the administrator role and invokes them.
resource "aws_iam_user" "release_bot" {
  name = "release-bot"
}

resource "aws_iam_user_policy" "release_bot" {
  name = "release"
  user = aws_iam_user.release_bot.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = aws_iam_role.ops.arn },
      { Effect = "Allow", Action = ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource = "*" },
    ]
  })
}

# Neighbour: the same actions with a role that may only write its logs.
resource "aws_iam_role" "fn_exec" {
  name = "builder-fn"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "fn_exec" {
  name = "logs"
  role = aws_iam_role.fn_exec.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "arn:aws:logs:us-east-1:${var.account_id}:log-group:/aws/lambda/builder-*:*"
    }]
  })
}

resource "aws_iam_user" "builder" {
  name = "builder"
}

resource "aws_iam_user_policy" "builder" {
  name = "build"
  user = aws_iam_user.builder.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = aws_iam_role.fn_exec.arn },
      {
        Effect   = "Allow"
        Action   = ["lambda:CreateFunction", "lambda:InvokeFunction"]
        Resource = "arn:aws:lambda:us-east-1:${var.account_id}:function:builder-*"
      },
    ]
  })
}
