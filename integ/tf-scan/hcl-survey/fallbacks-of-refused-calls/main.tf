# Grants whose resource is try(<a call Terraform refuses>, "*"): Terraform falls back to "*", so
# every one of them grants on all resources.
variable "deploy_roles" {
  default = ["arn:aws:iam::111122223333:role/deploy-a", "arn:aws:iam::111122223333:role/deploy-b"]
}

variable "last" {
  default = -1
}

locals {
  # A literal template given to templatestring(), which only renders a template read from elsewhere.
  rendered_role = try(templatestring("arn:aws:iam::111122223333:role/${"$"}{name}", { name = "deploy-a" }), "*")
}

resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
}

# element() at a negative index is an error, not the last element.
resource "aws_iam_role_policy" "negative_index" {
  name = "negative-index"
  role = aws_iam_role.deployer.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = try(element(var.deploy_roles, var.last), "*") }]
  })
}

# slice() past the end of the list is an error, not a shorter list.
resource "aws_iam_role_policy" "slice_past_end" {
  name = "slice-past-end"
  role = aws_iam_role.deployer.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = try(slice(var.deploy_roles, 1, 3), ["*"]) }]
  })
}

resource "aws_iam_role_policy" "literal_template" {
  name = "literal-template"
  role = aws_iam_role.deployer.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = local.rendered_role }]
  })
}

# An index in range: the role it names, no finding.
resource "aws_iam_role_policy" "in_range" {
  name = "in-range"
  role = aws_iam_role.deployer.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = try(element(var.deploy_roles, 3), "*") }]
  })
}
