environment = "prod"
roles = {
  deployer = { policy_files = ["deploy.json"] }
  reader   = { policy_files = ["read-reports.json"] }
}
