variable "name" {}

resource "aws_s3_bucket" "this" {
  bucket = var.name
}

output "arn" {
  value = aws_s3_bucket.this.arn
}

output "actions" {
  value = ["s3:GetObject", "s3:PutObject"]
}

# The roles of the account the writers may hand the bucket's jobs to: all of them.
output "job_roles" {
  value = "arn:aws:iam::111122223333:role/*"
}
