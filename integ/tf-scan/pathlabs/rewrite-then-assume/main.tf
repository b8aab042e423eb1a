resource "aws_iam_role" "worker" {
  name = "batch-worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "worker" {
  name = "read"
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::batch-input/*" }]
  })
}

# May write the worker role's inline policy, then assume it.
resource "aws_iam_user" "tuner" {
  name = "tuner"
}

resource "aws_iam_user_policy" "tuner" {
  name = "tune"
  user = aws_iam_user.tuner.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["iam:PutRolePolicy", "sts:AssumeRole"], Resource = aws_iam_role.worker.arn }]
  })
}

# Neighbour: may assume the worker role, not change it.
resource "aws_iam_user" "operator" {
  name = "operator"
}

resource "aws_iam_user_policy" "operator" {
  name = "assume"
  user = aws_iam_user.operator.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Resource = aws_iam_role.worker.arn }]
  })
}
