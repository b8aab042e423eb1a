# A role created outside this configuration (by name), given an inline policy first and then an
# AWS managed policy: the managed policy's findings belong to its attachment, not to the first
# resource that happens to name the role.
resource "aws_iam_role_policy" "reports" {
  name = "reports"
  role = "legacy-batch"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::reports/*" }]
  })
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = "legacy-batch"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
