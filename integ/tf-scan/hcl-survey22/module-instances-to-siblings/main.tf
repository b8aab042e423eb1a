# Roles made by a for_each module call; a sibling module reads them through the instances.
locals {
  roles = {
    api    = { service = "ecs-tasks.amazonaws.com", managed = ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }
    worker = { service = "lambda.amazonaws.com", managed = [] }
  }
}
module "roles" {
  source   = "./role"
  for_each = local.roles
  name     = each.key
  service  = each.value.service
  managed  = each.value.managed
}
module "deployer" {
  source     = "./deployer"
  pass_arns  = values(module.roles)[*].arn
  first      = module.roles["api"].arn
  all_names  = [for k, m in module.roles : m.name]
}
