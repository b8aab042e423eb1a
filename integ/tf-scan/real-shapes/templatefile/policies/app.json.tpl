{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "s3:*", "Resource": ["${bucket}", "${bucket}/*"] },
    { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*" }
  ]
}
