# A statement whose `resources` is text, not a list: Terraform refuses the module's input, even
# beside a statement holding a bucket's ARN only apply knows.
roles = {
  deployer = {
    github   = true
    subjects = ["example-org/app:ref:refs/heads/main"]
    statements = {
      PassAny = {
        actions   = ["iam:PassRole"]
        resources = "*"
      }
    }
  }
}
