variable "name" { type = string }
variable "service" { type = string }
variable "managed" { type = list(string) }
resource "aws_iam_role" "this" {
  name = "svc-${var.name}"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = var.service } }] })
}
resource "aws_iam_role_policy_attachment" "this" {
  for_each   = toset(var.managed)
  role       = aws_iam_role.this.name
  policy_arn = each.value
}
output "arn" { value = aws_iam_role.this.arn }
output "name" { value = aws_iam_role.this.name }
