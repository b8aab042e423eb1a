grants = {
  pass = {
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
}
