variable "account_id" {
  type    = string
  default = "111122223333"
}

# A scheduled function that runs as an administrator role.
resource "aws_iam_role" "report" {
  name = "nightly-report"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "report_admin" {
  role       = aws_iam_role.report.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_lambda_function" "report" {
  function_name = "nightly-report"
  role          = aws_iam_role.report.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "report.zip"
}

# May replace the code of that one function (its schedule runs it).
resource "aws_iam_user" "hotfix" {
  name = "hotfix"
}

resource "aws_iam_user_policy" "hotfix" {
  name = "hotfix"
  user = aws_iam_user.hotfix.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["lambda:UpdateFunctionCode", "lambda:GetFunction"], Resource = aws_lambda_function.report.arn },
    ]
  })
}

# Neighbour: the same grant on a function whose role may only write its logs.
resource "aws_iam_role" "thumbs" {
  name = "thumbnails"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "thumbs" {
  name = "logs"
  role = aws_iam_role.thumbs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "arn:aws:logs:eu-west-1:${var.account_id}:log-group:/aws/lambda/thumbnails:*"
    }]
  })
}

resource "aws_lambda_function" "thumbs" {
  function_name = "thumbnails"
  role          = aws_iam_role.thumbs.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "thumbs.zip"
}

resource "aws_iam_user" "designer" {
  name = "designer"
}

resource "aws_iam_user_policy" "designer" {
  name = "thumbnails"
  user = aws_iam_user.designer.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["lambda:UpdateFunctionCode", "lambda:InvokeFunction"]
      Resource = "arn:aws:lambda:eu-west-1:${var.account_id}:function:thumbnails"
    }]
  })
}
