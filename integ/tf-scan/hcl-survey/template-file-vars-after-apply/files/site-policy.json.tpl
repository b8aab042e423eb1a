{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "CloudFrontReads",
      "Effect": "Allow",
      "Principal": { "Service": "cloudfront.amazonaws.com" },
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::${bucket_name}/*",
      "Condition": { "StringEquals": { "AWS:SourceArn": "${distribution_arn}" } }
    },
    {
      "Sid": "EveryoneLists",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:ListBucket",
      "Resource": "arn:aws:s3:::${bucket_name}"
    }
  ]
}
