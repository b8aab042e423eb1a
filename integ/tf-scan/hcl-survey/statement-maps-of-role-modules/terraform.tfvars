roles = {
  # One repository's main branch: its trust is pinned.
  deployer = {
    github   = true
    subjects = ["example-org/app:ref:refs/heads/main"]
    statements = {
      PassAny = {
        actions   = ["iam:PassRole"]
        resources = ["*"]
      }
    }
  }
  # Every repository of the organization.
  ci_any = {
    github   = true
    subjects = ["repo:example-org/*"]
  }
  # No subject at all: any workflow of any GitHub repository with a token for this account.
  ci_open = {
    github = true
  }
  # A function's role: its own logs, and a deny outside one Region.
  worker = {
    services = ["lambda.amazonaws.com"]
    statements = {
      Logs = {
        actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        resources = ["arn:aws:logs:*:*:log-group:/aws/lambda/worker:*"]
      }
      OneRegion = {
        effect        = "Deny"
        not_actions   = ["logs:*"]
        not_resources = ["arn:aws:logs:*:*:*"]
        condition     = [{ test = "StringNotEquals", variable = "aws:RequestedRegion", values = ["eu-west-1"] }]
      }
    }
  }
}
