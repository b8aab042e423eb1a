module "iam" {
  source = "./modules/iam"
  name   = "app"
}
