accounts = {
  development = {
    trusted_roles = ["arn:aws:iam::111122223333:role/ci"]
    actions       = ["sqs:ListQueues", "iam:PassRole"]
  }
  production = {
    trusted_roles = ["arn:aws:iam::444455556666:role/release"]
    actions       = ["sqs:ListQueues"]
  }
}
