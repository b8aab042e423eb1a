# Names the bucket after `local.a`, which reads `local.b`: a cycle once merged.

locals {
  b = "${local.a}-archive"
}
