include "root" {
  path = find_in_parent_folders()
}

terraform {
  source = "../../../modules//deployer"
}

inputs = {
  name        = "deployer"
  policy_arns = ["arn:aws:iam::aws:policy/PowerUserAccess"]
}
