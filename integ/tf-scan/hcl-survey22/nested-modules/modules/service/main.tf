variable "name" {
  type = string
}
variable "bucket_arns" {
  type = list(string)
}
variable "pass_roles" {
  type     = list(string)
  nullable = false
}
resource "aws_iam_role" "this" {
  name = "svc-${var.name}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}
module "policy" {
  source      = "./policy"
  role        = aws_iam_role.this.name
  bucket_arns = var.bucket_arns
  pass_roles  = var.pass_roles
}
output "role_arn" {
  value = aws_iam_role.this.arn
}
