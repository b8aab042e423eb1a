variable "account_id" {
  type    = string
  default = "111122223333"
}

# A state machine that runs as an administrator role.
resource "aws_iam_role" "cleanup" {
  name = "account-cleanup"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "states.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "cleanup" {
  name = "everything"
  role = aws_iam_role.cleanup.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

resource "aws_sfn_state_machine" "cleanup" {
  name     = "account-cleanup"
  role_arn = aws_iam_role.cleanup.arn
  definition = jsonencode({
    StartAt = "Done"
    States  = { Done = { Type = "Succeed" } }
  })
}

# May replace its definition and start it.
resource "aws_iam_role" "scheduler" {
  name = "cleanup-scheduler"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::${var.account_id}:root" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "scheduler" {
  name = "cleanup"
  role = aws_iam_role.scheduler.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["states:UpdateStateMachine", "states:StartExecution"]
      Resource = aws_sfn_state_machine.cleanup.arn
    }]
  })
}

# Neighbour: may only start it, with the definition it has.
resource "aws_iam_role" "operator" {
  name = "cleanup-operator"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::${var.account_id}:root" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "operator" {
  name = "start"
  role = aws_iam_role.operator.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["states:StartExecution", "states:DescribeExecution"]
      Resource = aws_sfn_state_machine.cleanup.arn
    }]
  })
}
