resource "aws_iam_user" "root_like" {
  name = "platform-admin"
}

resource "aws_iam_user_policy_attachment" "root_like" {
  user       = aws_iam_user.root_like.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

# Helpdesk account that may mint keys for the administrator user.
resource "aws_iam_user" "helpdesk" {
  name = "helpdesk"
}

resource "aws_iam_user_policy" "helpdesk" {
  name = "keys"
  user = aws_iam_user.helpdesk.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["iam:CreateAccessKey", "iam:DeleteAccessKey"], Resource = aws_iam_user.root_like.arn }]
  })
}

# Neighbour: rotates its own keys only.
resource "aws_iam_user" "developer" {
  name = "developer"
}

resource "aws_iam_user_policy" "developer" {
  name = "own-keys"
  user = aws_iam_user.developer.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:CreateAccessKey", "iam:DeleteAccessKey"]
      Resource = "arn:aws:iam::111122223333:user/$${aws:username}"
    }]
  })
}
