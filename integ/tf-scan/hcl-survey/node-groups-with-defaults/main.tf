resource "aws_iam_policy" "launcher" {
  name = "launcher"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }]
  })
}

# The defaults say nothing of `create_iam_role`; the first group takes everything from them, the
# second adds a policy of this configuration, the third has no role.
module "cluster" {
  source = "./cluster"
  node_group_defaults = {
    additional_policies = { ssm = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" }
  }
  node_groups = {
    apps = {}
    builders = {
      additional_policies = { launcher = aws_iam_policy.launcher.arn }
    }
    external = {
      create_iam_role = false
    }
  }
}
