{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AccountAdministers",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::${account_id}:root" },
      "Action": "kms:*",
      "Resource": "*"
    }
  ]
}
