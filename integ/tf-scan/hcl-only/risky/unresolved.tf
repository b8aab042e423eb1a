# A policy read from a file that is not there: reported unresolved, never skipped.
resource "aws_iam_policy" "from_file" {
  name   = "from-file"
  policy = file("${path.module}/policy.json")
}
