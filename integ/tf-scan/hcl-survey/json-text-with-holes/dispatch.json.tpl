{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "sqs:SendMessage",
      "Resource": ${jsonencode(queue_arns)}
    },
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject"],
      "Resource": [
%{ for i, b in buckets ~}
        "arn:aws:s3:::${b}/*"%{ if i < length(buckets) - 1 },%{ endif }
%{ endfor ~}
      ]
    }%{ if pass_roles },
    {
      "Effect": "Allow",
      "Action": "iam:PassRole",
      "Resource": "*"
    }%{ endif }
  ]
}
