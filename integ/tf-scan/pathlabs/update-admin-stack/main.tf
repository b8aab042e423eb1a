variable "account_id" {
  type    = string
  default = "111122223333"
}

# A stack CloudFormation deploys with an administrator service role.
resource "aws_iam_role" "deploy" {
  name = "network-deploy"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "cloudformation.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "deploy_admin" {
  role       = aws_iam_role.deploy.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_cloudformation_stack" "network" {
  name         = "network"
  iam_role_arn = aws_iam_role.deploy.arn
  template_body = jsonencode({
    Resources = { Vpc = { Type = "AWS::EC2::VPC", Properties = { CidrBlock = "10.0.0.0/16" } } }
  })
}

# May update that stack with a template of its own.
resource "aws_iam_user" "netops" {
  name = "netops"
}

resource "aws_iam_user_policy" "netops" {
  name = "network-stack"
  user = aws_iam_user.netops.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["cloudformation:UpdateStack", "cloudformation:DescribeStacks"]
      Resource = "arn:aws:cloudformation:*:${var.account_id}:stack/network/*"
    }]
  })
}

# Neighbour: a stack whose service role may only manage its buckets.
resource "aws_iam_role" "site" {
  name = "site-deploy"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "cloudformation.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "site" {
  name = "buckets"
  role = aws_iam_role.site.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::site-*" }]
  })
}

resource "aws_cloudformation_stack" "site" {
  name         = "site"
  iam_role_arn = aws_iam_role.site.arn
  template_body = jsonencode({
    Resources = { Bucket = { Type = "AWS::S3::Bucket" } }
  })
}

resource "aws_iam_user" "webdev" {
  name = "webdev"
}

resource "aws_iam_user_policy" "webdev" {
  name = "site-stack"
  user = aws_iam_user.webdev.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["cloudformation:UpdateStack", "cloudformation:DescribeStacks"]
      Resource = "arn:aws:cloudformation:*:${var.account_id}:stack/site/*"
    }]
  })
}
