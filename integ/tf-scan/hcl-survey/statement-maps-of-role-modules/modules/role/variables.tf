variable "name" {
  type = string
}

variable "policy_statements" {
  description = "Statements of the role's inline policy, by key (the key is the statement's Sid unless `sid` is set)."
  type = map(object({
    sid           = optional(string)
    effect        = optional(string, "Allow")
    actions       = optional(list(string))
    not_actions   = optional(list(string))
    resources     = optional(list(string))
    not_resources = optional(list(string))
    principals = optional(list(object({
      type        = string
      identifiers = list(string)
    })))
    condition = optional(list(object({
      test     = string
      variable = string
      values   = list(string)
    })))
  }))
  default = {}

  validation {
    condition     = alltrue([for s in var.policy_statements : contains(["Allow", "Deny"], s.effect)])
    error_message = "Each statement's effect is Allow or Deny."
  }
}

variable "github_oidc" {
  description = "Whether GitHub Actions may assume the role through the account's OIDC provider."
  type        = bool
  default     = false
}

variable "oidc_subjects" {
  description = "GitHub subjects (`repo:ORG/REPO:...`, or `ORG/REPO:...`) allowed; none leaves the subject open."
  type        = list(string)
  default     = []
}

variable "oidc_audiences" {
  type     = list(string)
  default  = ["sts.amazonaws.com"]
  nullable = false
}

variable "oidc_provider_arn" {
  description = "The GitHub OIDC provider; the account's own when null."
  type        = string
  default     = null
}

variable "trusted_services" {
  type    = list(string)
  default = null
}

variable "trusted_account_ids" {
  description = "Other accounts whose administrators may assume the role; null is none."
  type        = list(string)
  default     = []
  nullable    = false
}
