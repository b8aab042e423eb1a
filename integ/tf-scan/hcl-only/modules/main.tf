resource "aws_s3_bucket" "artifacts" {
  bucket = "acme-artifacts"
}

module "builder" {
  source     = "./role"
  name       = "builder"
  bucket_arn = aws_s3_bucket.artifacts.arn
}

# The module's role, given admin rights by the caller through the module output.
resource "aws_iam_role_policy_attachment" "admin" {
  role       = module.builder.role_name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
