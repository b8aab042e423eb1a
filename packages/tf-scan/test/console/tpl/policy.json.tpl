{
  "Version": "2012-10-17",
  "Statement": [
%{ for i, b in buckets ~}
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${b}/*"}${i < length(buckets) - 1 ? "," : ""}
%{ endfor ~}
  ]
}
