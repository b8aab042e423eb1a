variable "account_id" {
  type    = string
  default = "111122223333"
}

# A bastion whose instance profile holds administrator access.
resource "aws_iam_role" "bastion" {
  name = "bastion"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "bastion_admin" {
  role       = aws_iam_role.bastion.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_instance_profile" "bastion" {
  name = "bastion"
  role = aws_iam_role.bastion.name
}

resource "aws_instance" "bastion" {
  ami                  = "ami-0abcdef1234567890"
  instance_type        = "t3.micro"
  iam_instance_profile = aws_iam_instance_profile.bastion.name
}

# May run shell commands on the bastion.
resource "aws_iam_user" "sre" {
  name = "sre"
}

resource "aws_iam_user_policy" "sre" {
  name = "run-command"
  user = aws_iam_user.sre.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "ssm:SendCommand"
        Resource = [aws_instance.bastion.arn, "arn:aws:ssm:eu-west-1::document/AWS-RunShellScript"]
      },
      { Effect = "Allow", Action = "ssm:GetCommandInvocation", Resource = "*" },
    ]
  })
}

# Neighbour: sessions on a web server whose role may only read its configuration.
resource "aws_iam_role" "web" {
  name = "web"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "web" {
  name = "config"
  role = aws_iam_role.web.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "ssm:GetParameter"
      Resource = "arn:aws:ssm:eu-west-1:${var.account_id}:parameter/web/*"
    }]
  })
}

resource "aws_iam_instance_profile" "web" {
  name = "web"
  role = aws_iam_role.web.name
}

resource "aws_instance" "web" {
  ami                  = "ami-0abcdef1234567890"
  instance_type        = "t3.micro"
  iam_instance_profile = aws_iam_instance_profile.web.name
}

resource "aws_iam_user" "support" {
  name = "support"
}

resource "aws_iam_user_policy" "support" {
  name = "sessions"
  user = aws_iam_user.support.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "ssm:StartSession", Resource = aws_instance.web.arn }]
  })
}
