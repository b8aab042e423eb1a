{"Resource": [
  %{ for b in buckets }"arn:aws:s3:::${b}",%{ endfor }
  "arn:aws:s3:::last"]}