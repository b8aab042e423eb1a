# A worker role whose buckets, secret and key are inputs with no default and no tfvars: each
# given whole may be "*" as well as one resource, so nothing here may read it as one.
variable "export_bucket_arns" {
  type        = list(string)
  description = "Buckets the worker writes its exports to"
}

variable "api_secret_arn" {
  type = string
}

variable "tenant" {
  type = string
}

resource "aws_iam_role" "worker" {
  name = "worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_iam_role_policy" "worker" {
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      # Given whole: writes on whatever buckets the deployer lists, "*" included.
      { Effect = "Allow", Action = ["s3:PutObject", "s3:AbortMultipartUpload"], Resource = var.export_bucket_arns },
      # Given whole: the secret, or every secret.
      { Effect = "Allow", Action = "secretsmanager:GetSecretValue", Resource = var.api_secret_arn },
      # A name inside an ARN: the objects of one tenant's prefix.
      { Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::shared-imports/${var.tenant}/*" },
      # A resource of the configuration: one queue.
      { Effect = "Allow", Action = ["sqs:ReceiveMessage", "sqs:DeleteMessage"], Resource = aws_sqs_queue.jobs.arn },
    ]
  })
}
