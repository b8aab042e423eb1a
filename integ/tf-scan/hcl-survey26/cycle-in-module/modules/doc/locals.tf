# `local.resources` reads itself: Terraform refuses the module, and the root with it.
locals {
  resources = concat(["arn:aws:s3:::a/*"], local.resources)
}
