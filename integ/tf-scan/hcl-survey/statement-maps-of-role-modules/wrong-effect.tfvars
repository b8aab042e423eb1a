# An effect the module's `validation` block refuses: `terraform plan` stops at the module's input.
roles = {
  worker = {
    services = ["lambda.amazonaws.com"]
    statements = {
      OneRegion = {
        effect      = "Permit"
        not_actions = ["logs:*"]
        resources   = ["*"]
      }
    }
  }
}
