variable "name" { type = string }
variable "value" {
  type    = string
  default = "d"
}
resource "aws_iam_role" "this" {
  name = var.name
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}
# A secret value never goes into a policy: the broad grant only where the value is not sensitive.
resource "aws_iam_role_policy" "this" {
  name = "p"
  role = aws_iam_role.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = issensitive(var.value) ? "arn:aws:iam::111122223333:role/fixed" : "*" }]
  })
}
