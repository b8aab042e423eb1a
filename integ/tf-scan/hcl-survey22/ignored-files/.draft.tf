# A draft, hidden: Terraform does not read it.
resource "aws_iam_role_policy" "draft" {
  role = aws_iam_role.app.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] 
