variable "name" {
  type = string
}

variable "bucket_arn" {
  type = string
}

variable "actions" {
  default = ["s3:GetObject", "s3:PutObject"]
}

resource "aws_iam_role" "this" {
  name = var.name
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "codebuild.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "artifacts" {
  role = aws_iam_role.this.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = var.actions, Resource = "${var.bucket_arn}/*" }]
  })
}

output "role_name" {
  value = aws_iam_role.this.name
}
