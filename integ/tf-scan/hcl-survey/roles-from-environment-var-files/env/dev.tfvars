environment = "dev"
roles = {
  # debug.json was never committed: `terraform plan -var-file env/dev.tfvars` fails on it.
  deployer = { policy_files = ["deploy.json", "debug.json"], managed = ["arn:aws:iam::aws:policy/ReadOnlyAccess"] }
}
