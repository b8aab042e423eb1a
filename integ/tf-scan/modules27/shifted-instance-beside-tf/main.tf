module "r" {
  source = "./role"
  count  = 2
  name   = "app-${count.index}-"
}

# The second role only: the plan's references (`module.r`, `count.index`) read the same as
# `module.r[count.index].name`.
resource "aws_iam_role_policy_attachment" "admin" {
  count      = 1
  role       = trimspace(module.r[count.index + 1].name)
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
