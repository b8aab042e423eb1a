variable "account_id" {
  type    = string
  default = "111122223333"
}

locals {
  tasks_trust = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  etl_jobs = [
    "arn:aws:batch:us-east-1:${var.account_id}:job-definition/etl-*",
    "arn:aws:batch:us-east-1:${var.account_id}:job-queue/etl",
  ]
}

# Job role with administrator access.
resource "aws_iam_role" "account_janitor" {
  name               = "account-janitor"
  assume_role_policy = local.tasks_trust
}

resource "aws_iam_role_policy_attachment" "account_janitor" {
  role       = aws_iam_role.account_janitor.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

# Job role that reads the raw bucket.
resource "aws_iam_role" "etl_job" {
  name               = "etl-job"
  assume_role_policy = local.tasks_trust
}

resource "aws_iam_role_policy" "etl_job" {
  name = "raw"
  role = aws_iam_role.etl_job.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::raw-events/*" }]
  })
}

# Registers job definitions of its own, with the administrator job role among those it may pass.
resource "aws_iam_user" "data_eng" {
  name = "data-eng"
}

resource "aws_iam_user_policy" "data_eng" {
  name = "batch"
  user = aws_iam_user.data_eng.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = [aws_iam_role.etl_job.arn, aws_iam_role.account_janitor.arn] },
      { Effect = "Allow", Action = ["batch:RegisterJobDefinition", "batch:SubmitJob"], Resource = local.etl_jobs },
    ]
  })
}

# Neighbour: the same, passing the ETL job role only.
resource "aws_iam_user" "analyst" {
  name = "analyst"
}

resource "aws_iam_user_policy" "analyst" {
  name = "batch"
  user = aws_iam_user.analyst.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = aws_iam_role.etl_job.arn },
      { Effect = "Allow", Action = ["batch:RegisterJobDefinition", "batch:SubmitJob"], Resource = local.etl_jobs },
    ]
  })
}
