# Members named by the outputs of counted users, and by instances of a user made for_each.
module "ana" {
  source = "./user"
  name   = "ana"
}

# Switched off: no user, its name is "" and joins nobody.
module "former" {
  source      = "./user"
  name        = "former"
  create_user = false
}

resource "aws_iam_user" "contractor" {
  for_each = toset(["kim"])
  name     = "contractor-${each.key}"
}

module "releasers" {
  source  = "./team"
  team    = "releasers"
  members = [module.ana.name, module.former.name, aws_iam_user.contractor["kim"].name]
}
