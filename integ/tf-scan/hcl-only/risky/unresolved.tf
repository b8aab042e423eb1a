# A policy read from a file: not evaluated without a plan, so reported unresolved.
resource "aws_iam_policy" "from_file" {
  name   = "from-file"
  policy = file("${path.module}/policy.json")
}
