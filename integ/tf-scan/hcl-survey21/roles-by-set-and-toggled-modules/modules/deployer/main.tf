variable "name" {
  type = string
}

resource "aws_iam_role" "this" {
  name = "${var.name}-deployer"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
}

# Creates users and gives them access keys: an escalation path.
resource "aws_iam_role_policy" "this" {
  name = "deploy"
  role = aws_iam_role.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:CreateUser", "iam:CreateAccessKey", "iam:AttachUserPolicy"]
      Resource = "arn:aws:iam::111122223333:user/*"
    }]
  })
}
