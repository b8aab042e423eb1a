readers = {
  analytics = ["raw", "curated"]
  finance   = ["ledger"]
}
deploy_actions = ["s3:PutObject", "iam:PassRole"]
