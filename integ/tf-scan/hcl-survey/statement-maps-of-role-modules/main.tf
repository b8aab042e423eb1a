variable "roles" {
  type = map(object({
    github     = optional(bool, false)
    subjects   = optional(list(string), [])
    services   = optional(list(string))
    audiences  = optional(list(string))
    accounts   = optional(list(string))
    statements = optional(any, {})
  }))
}

resource "aws_s3_bucket" "artifacts" {
  bucket = "example-build-artifacts"
}

module "role" {
  source   = "./modules/role"
  for_each = var.roles

  name             = each.key
  github_oidc      = each.value.github
  oidc_subjects    = each.value.subjects
  trusted_services = each.value.services
  oidc_audiences   = each.value.audiences
  trusted_account_ids = each.value.accounts
  policy_statements = merge(each.value.statements, each.key == "deployer" ? {
    Artifacts = {
      actions   = ["s3:PutObject"]
      resources = ["${aws_s3_bucket.artifacts.arn}/*"]
    }
  } : {})
}
