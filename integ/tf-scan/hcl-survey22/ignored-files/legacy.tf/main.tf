# A folder named like a file: Terraform leaves folders out.
resource "aws_iam_user" "old" {
  name = "old"
}
